// The policy editor: the brand's policy as YAML, checked as it is typed (each problem with its line,
// which the editor can jump to), the draft read back in plain English, the brand's saved scenarios
// replayed against the draft, and publishing — refused while the draft has errors or breaks a scenario.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Alert, Loading } from "../../shared/ui.tsx";
import { staff } from "../api.ts";
import { BrandPicker } from "../brand-picker.tsx";
import { Problem, TextInput } from "../ui.tsx";

interface Check {
  valid: boolean;
  problems: { path: string; line: number | null; message: string }[];
  description: string[];
}
interface Test extends Check {
  scenarios: { id: string; name: string; passed: boolean; problems: string[]; outcome: string | null }[];
  passed: number;
  failed: number;
}

export default function PolicyEditor() {
  const [brand, setBrand] = useState("");
  const policy = useQuery({
    queryKey: ["policy", brand],
    queryFn: () =>
      staff<{ version: number; yaml: string }>(`/admin/brands/${encodeURIComponent(brand)}/policy`),
    enabled: brand !== "",
  });
  return (
    <>
      <h2>Policy</h2>
      <div className="toolbar">
        <BrandPicker value={brand} onChange={setBrand} id="policy-brand" />
      </div>
      <Problem error={policy.error} />
      {policy.isLoading ? <Loading what="the policy" /> : null}
      {policy.data ? (
        <Editor
          key={`${brand}-${policy.data.version}`}
          brand={brand}
          version={policy.data.version}
          initial={policy.data.yaml}
        />
      ) : null}
    </>
  );
}

function Editor(props: { brand: string; version: number; initial: string }) {
  const base = `/admin/brands/${encodeURIComponent(props.brand)}/policy`;
  const client = useQueryClient();
  const area = useRef<HTMLTextAreaElement>(null);
  const [yaml, setYaml] = useState(props.initial);
  const [check, setCheck] = useState<Check | null>(null);
  const [test, setTest] = useState<Test | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => {
      staff<Check>(`${base}/check`, { body: { yaml } })
        .then(setCheck)
        .catch(() => setCheck(null));
    }, 400);
    return () => clearTimeout(timer);
  }, [yaml, base]);
  const run = useMutation({
    mutationFn: () => staff<Test>(`${base}/test`, { body: { yaml } }),
    onSuccess: setTest,
  });
  const publish = useMutation({
    mutationFn: () => staff<{ version: number }>(`${base}/publish`, { body: { yaml } }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ["policy", props.brand] }),
  });
  const goTo = (line: number) => {
    const el = area.current;
    if (!el) return;
    const lines = yaml.split("\n");
    const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
    el.focus();
    el.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
    el.scrollTop = Math.max(0, (line - 5) * 18);
  };
  return (
    <>
      <p className="muted">
        Version {props.version} is in force. Edit below; the draft is checked as you type.
      </p>
      <div className="editor">
        <div>
          <label htmlFor="policy-yaml">Policy (YAML)</label>
          <textarea
            id="policy-yaml"
            ref={area}
            spellCheck={false}
            value={yaml}
            aria-invalid={check ? !check.valid : undefined}
            aria-describedby="policy-problems"
            onChange={(e) => {
              setYaml(e.target.value);
              setTest(null);
            }}
          />
        </div>
        <div>
          <section id="policy-problems" aria-live="polite">
            {check === null ? null : check.valid ? (
              <Alert kind="ok">The draft loads.</Alert>
            ) : (
              <>
                <Alert kind="bad" title="The draft has errors.">
                  Fix them before publishing.
                </Alert>
                <ul className="problems">
                  {check.problems.map((p) => (
                    <li key={`${p.line}-${p.path}-${p.message}`}>
                      {p.line ? (
                        <button type="button" className="secondary" onClick={() => goTo(p.line ?? 1)}>
                          Line {p.line}
                        </button>
                      ) : null}{" "}
                      {p.path ? <code>{p.path}</code> : null} {p.message}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
          <h3>In plain English</h3>
          {check?.valid ? (
            <ul>
              {check.description.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          ) : (
            <p className="muted">Shown when the draft loads.</p>
          )}
        </div>
      </div>
      <div style={{ display: "flex", gap: "0.5rem", margin: "1rem 0" }}>
        <button type="button" className="secondary" onClick={() => run.mutate()} disabled={run.isPending}>
          Run saved scenarios
        </button>
        <button
          type="button"
          onClick={() => publish.mutate()}
          disabled={publish.isPending || check?.valid === false}
        >
          Publish draft
        </button>
      </div>
      <Problem error={run.error ?? publish.error} title={publish.error ? "Not published." : undefined} />
      {publish.isSuccess ? <Alert kind="ok">Published as version {publish.data.version}.</Alert> : null}
      {test ? <Results test={test} /> : null}
      <Scenarios base={base} />
    </>
  );
}

function Results(props: { test: Test }) {
  const t = props.test;
  if (!t.valid) return <Alert kind="bad">The draft has errors; scenarios were not run.</Alert>;
  return (
    <section aria-labelledby="results-h" className="card">
      <h3 id="results-h">
        Scenarios: {t.passed} passed, {t.failed} failed
      </h3>
      <ul>
        {t.scenarios.map((s) => (
          <li key={s.id}>
            <strong>{s.passed ? "PASS" : "FAIL"}</strong> {s.name}
            {s.problems.length ? <span className="field-error"> — {s.problems.join("; ")}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Scenarios(props: { base: string }) {
  const client = useQueryClient();
  const list = useQuery({
    queryKey: ["scenarios", props.base],
    queryFn: () => staff<{ scenarios: { id: string; name: string }[] }>(`${props.base}/scenarios`),
  });
  const [name, setName] = useState("");
  const [json, setJson] = useState("");
  const [bad, setBad] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (scenario: unknown) => staff(`${props.base}/scenarios`, { body: { name, scenario } }),
    onSuccess: () => {
      setName("");
      setJson("");
      void client.invalidateQueries({ queryKey: ["scenarios", props.base] });
    },
  });
  return (
    <section className="card" aria-labelledby="scenarios-h">
      <h3 id="scenarios-h">Saved scenarios</h3>
      <ul>
        {list.data?.scenarios.map((s) => (
          <li key={s.id}>{s.name}</li>
        ))}
      </ul>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          try {
            setBad(null);
            save.mutate(JSON.parse(json));
          } catch {
            setBad("That is not valid JSON.");
          }
        }}
      >
        <TextInput id="scenario-name" label="Name" value={name} onChange={setName} />
        <div className="field">
          <label htmlFor="scenario-json">
            Scenario with an expect block (JSON, as aftercare policy test reads)
          </label>
          <textarea id="scenario-json" rows={6} value={json} onChange={(e) => setJson(e.target.value)} />
        </div>
        {bad ? <Alert kind="bad">{bad}</Alert> : null}
        <Problem error={save.error} />
        <button type="submit" disabled={!name.trim() || !json.trim()}>
          Save scenario
        </button>
      </form>
    </section>
  );
}
