// Settings → Knowledge: the help pages the brand's assistant answers from. Each imported document is listed
// with the articles it holds (the titles and addresses shoppers see in citations) and how many passages
// they gave; a page pasted as Markdown, text or HTML is imported, replacing a document of the same name.
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { dateTime } from "../../shared/format.ts";
import { Alert, Field, Loading } from "../../shared/ui.tsx";
import { staff } from "../api.ts";
import { BrandPicker } from "../brand-picker.tsx";
import { Problem, TableScroll } from "../ui.tsx";

interface KnowledgeDocument {
  id: string;
  name: string;
  contentType: string;
  importedAt: string;
  passages: number;
  articles: { title: string; url: string | null; passages: number }[];
}

const FORMATS = [
  { ext: "md", label: "Markdown" },
  { ext: "txt", label: "Plain text" },
  { ext: "html", label: "HTML" },
] as const;
type Format = (typeof FORMATS)[number]["ext"];

const Schema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Give the document a name")
    .max(100)
    .regex(/^[^/\\]+$/, "No slashes: a name, not a folder"),
  format: z.enum(["md", "txt", "html"]),
  content: z.string().trim().min(1, "Paste the page's text").max(900_000, "Too long for one document"),
});
type Values = z.infer<typeof Schema>;

/** "Returns policy" + md → "returns-policy.md"; a name that already ends in the format's ending keeps it. */
export function fileName(name: string, format: Format): string {
  const base = name
    .trim()
    .replace(/\.(md|markdown|txt|html?|json)$/i, "")
    .replace(/\s+/g, "-")
    .toLowerCase();
  return `${base}.${format}`;
}

function splitName(file: string): { name: string; format: Format } {
  const match = /^(.*)\.(md|markdown|txt|html?)$/i.exec(file);
  const ext = match?.[2]?.toLowerCase();
  const format: Format = ext === "txt" ? "txt" : ext === "html" || ext === "htm" ? "html" : "md";
  return { name: match?.[1] ?? file, format };
}

export function Knowledge() {
  const [brand, setBrand] = useState("");
  return (
    <>
      <h2>Knowledge</h2>
      <p className="muted">
        The help pages the assistant answers from, quoting them word for word. Import a page by pasting it;
        importing a name that is already listed replaces that document.
      </p>
      <div className="toolbar">
        <BrandPicker value={brand} onChange={setBrand} id="knowledge-brand" />
      </div>
      {brand ? <KnowledgeBase key={brand} brand={brand} /> : null}
    </>
  );
}

function KnowledgeBase(props: { brand: string }) {
  const base = `/admin/brands/${encodeURIComponent(props.brand)}/knowledge`;
  const client = useQueryClient();
  const docs = useQuery({
    queryKey: ["knowledge", props.brand],
    queryFn: () => staff<{ documents: KnowledgeDocument[] }>(base),
  });
  const refresh = () => void client.invalidateQueries({ queryKey: ["knowledge", props.brand] });
  const [confirming, setConfirming] = useState<string | null>(null);
  const remove = useMutation({
    mutationFn: (id: string) => staff(`${base}/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => {
      setConfirming(null);
      refresh();
    },
  });
  const form = useForm<Values>({
    resolver: zodResolver(Schema),
    defaultValues: { name: "", format: "md", content: "" },
    mode: "onTouched",
  });
  const save = useMutation({
    mutationFn: (v: Values) =>
      staff<{ name: string; passages: number; replaced: boolean }>(base, {
        body: { name: fileName(v.name, v.format), content: v.content },
      }),
    onSuccess: () => {
      form.reset({ name: "", format: form.getValues("format"), content: "" });
      refresh();
    },
  });
  const replace = (doc: KnowledgeDocument) => {
    const { name, format } = splitName(doc.name);
    form.setValue("name", name);
    form.setValue("format", format);
    form.setFocus("content");
  };
  const e = form.formState.errors;
  const list = docs.data?.documents;
  return (
    <>
      <Problem error={docs.error ?? remove.error} />
      {docs.isPending ? <Loading what="documents" /> : null}
      {list?.length === 0 ? <p>No documents yet: the assistant hands every question to the team.</p> : null}
      {list && list.length > 0 ? (
        <TableScroll label="Knowledge documents">
          <table className="queue stack">
            <caption className="sr-only">Knowledge documents</caption>
            <thead>
              <tr>
                <th scope="col">Document</th>
                <th scope="col">Articles</th>
                <th scope="col" className="num">
                  Passages
                </th>
                <th scope="col">Imported</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((d) => (
                <tr key={d.id}>
                  <td data-label="Document">
                    <code>{d.name}</code>
                  </td>
                  <td data-label="Articles">
                    <ul className="articles">
                      {d.articles.map((a) => (
                        <li key={`${a.title}-${a.url}`}>
                          {a.title}
                          {a.url ? (
                            <>
                              {" "}
                              <a href={a.url} rel="noreferrer" target="_blank" className="address">
                                {a.url}
                              </a>
                            </>
                          ) : null}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td data-label="Passages" className="num">
                    {d.passages}
                  </td>
                  <td data-label="Imported" className="nowrap">
                    {dateTime(d.importedAt)}
                  </td>
                  <td data-label="Actions">
                    {confirming === d.id ? (
                      <div className="row-actions">
                        <button
                          type="button"
                          className="danger"
                          disabled={remove.isPending}
                          onClick={() => remove.mutate(d.id)}
                        >
                          Confirm delete
                        </button>
                        <button type="button" className="secondary" onClick={() => setConfirming(null)}>
                          Keep
                        </button>
                      </div>
                    ) : (
                      <div className="row-actions">
                        <button
                          type="button"
                          className="secondary"
                          aria-label={`Replace ${d.name}`}
                          onClick={() => replace(d)}
                        >
                          Replace
                        </button>
                        <button
                          type="button"
                          className="secondary"
                          aria-label={`Delete ${d.name}`}
                          onClick={() => setConfirming(d.id)}
                        >
                          Delete
                        </button>
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      <form className="card" noValidate onSubmit={form.handleSubmit((v) => save.mutate(v))}>
        <h3>Import a page</h3>
        <div className="grid two">
          <Field
            label="Document name"
            hint="Shown to shoppers beside quotes from it."
            error={e.name?.message}
          >
            {(f) => (
              <input
                id={f.id}
                type="text"
                aria-describedby={f.describedBy}
                aria-invalid={f.invalid}
                {...form.register("name")}
              />
            )}
          </Field>
          <Field label="Format" error={e.format?.message}>
            {(f) => (
              <select id={f.id} aria-describedby={f.describedBy} {...form.register("format")}>
                {FORMATS.map((x) => (
                  <option key={x.ext} value={x.ext}>
                    {x.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <Field
          label="Page text"
          hint="A Markdown page's # heading becomes the article's title; ## headings become its sections."
          error={e.content?.message}
        >
          {(f) => (
            <textarea
              id={f.id}
              rows={10}
              aria-describedby={f.describedBy}
              aria-invalid={f.invalid}
              {...form.register("content")}
            />
          )}
        </Field>
        <Problem error={save.error} title="Not imported." />
        {save.data && !form.formState.isDirty ? (
          <Alert kind="ok" title={save.data.replaced ? "Replaced." : "Imported."}>
            {save.data.name}: {save.data.passages} passage{save.data.passages === 1 ? "" : "s"}.
          </Alert>
        ) : null}
        <div className="actions">
          <button type="submit" disabled={save.isPending}>
            Import page
          </button>
        </div>
      </form>
    </>
  );
}
