// A brand chooser for pages whose API works one brand at a time; staff of one brand see only theirs.
import { useEffect } from "react";
import { useBrands } from "./session.tsx";

export function BrandPicker(props: { value: string; onChange: (slug: string) => void; id?: string }) {
  const brands = useBrands();
  const first = brands.data?.[0]?.slug;
  const { value, onChange } = props;
  useEffect(() => {
    if (!value && first) onChange(first);
  }, [value, first, onChange]);
  const id = props.id ?? "brand-picker";
  return (
    <div className="field">
      <label htmlFor={id}>Brand</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {(brands.data ?? []).map((b) => (
          <option key={b.slug} value={b.slug}>
            {b.name}
          </option>
        ))}
      </select>
    </div>
  );
}
