// A decision's reasons in plain words, each with the clause of the brand's policy it rests on.
import type { Finding } from "./types.ts";

export function Findings(props: { findings: readonly Finding[]; kind?: "reasons" | "notices" }) {
  if (!props.findings.length) return null;
  return (
    <ul className="list">
      {props.findings.map((f) => (
        <li key={`${f.code}-${f.message}`}>
          {f.message}
          {f.clause ? (
            <p className="clause">
              <span className="skip">Policy: </span>“{f.clause.quote}”
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
