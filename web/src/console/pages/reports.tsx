// Reports (loaded on demand: the charting library stays out of the console's first load). One brand or
// all, over a date range; every chart has its numbers in a table beside it and downloads as CSV.
import { useQuery } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { Bar, BarChart, CartesianGrid, Cell, Tooltip, XAxis, YAxis } from "recharts";
import { humanize, money } from "../../shared/format.ts";
import { Loading } from "../../shared/ui.tsx";
import { staff } from "../api.ts";
import { useBrands } from "../session.tsx";
import { downloadCsv, Problem, TextInput } from "../ui.tsx";

interface Count {
  key: string;
  count: number;
}
interface Report {
  volumes: Count[];
  channels: Count[];
  returnReasons: Count[];
  returnRates: { sku: string; title: string; sold: number; returned: number; rate: number | null }[];
  money: { currency: string; key: string; amount: number; count: number }[];
  sla: { kept: number; breached: number; open: number };
  times: {
    firstResponseHours: number | null;
    resolutionHours: number | null;
    firstResponses: number;
    resolutions: number;
  };
  satisfaction: Count[];
  assistant: { conversations: number; handoffs: number };
}

const COLOURS = ["#1f3a5f", "#b5562b", "#1b6b3a", "#7a4a00", "#5b4a9e", "#a0221a", "#2d7d8a"];
const iso = (d: Date) => d.toISOString().slice(0, 10);

export default function Reports() {
  const brands = useBrands();
  const [brand, setBrand] = useState("");
  const [from, setFrom] = useState(() => iso(new Date(Date.now() - 29 * 86_400_000)));
  const [to, setTo] = useState(() => iso(new Date()));
  const report = useQuery({
    queryKey: ["report", brand, from, to],
    queryFn: () =>
      staff<Report>(
        `/desk/reports?from=${from}&to=${to}${brand ? `&brand=${encodeURIComponent(brand)}` : ""}`,
      ),
  });
  const currencyOf = brands.data?.find((b) => b.slug === brand)?.currency;
  const tag = `${brand || "all"}-${from}-${to}`;
  return (
    <>
      <h1>Reports</h1>
      <div className="toolbar">
        <div className="field">
          <label htmlFor="report-brand">Brand</label>
          <select id="report-brand" value={brand} onChange={(e) => setBrand(e.target.value)}>
            <option value="">All brands</option>
            {(brands.data ?? []).map((b) => (
              <option key={b.slug} value={b.slug}>
                {b.name}
              </option>
            ))}
          </select>
        </div>
        <TextInput id="report-from" label="From" type="date" value={from} onChange={setFrom} />
        <TextInput id="report-to" label="To" type="date" value={to} onChange={setTo} />
      </div>
      <Problem error={report.error} />
      {report.isPending ? <Loading what="the reports" /> : null}
      {report.data ? <Charts r={report.data} tag={tag} currency={currencyOf} /> : null}
    </>
  );
}

function Charts(props: { r: Report; tag: string; currency: string | undefined }) {
  const { r, tag } = props;
  const sla = [
    { key: "kept", count: r.sla.kept },
    { key: "breached", count: r.sla.breached },
    { key: "still open", count: r.sla.open },
  ];
  const times = [
    { key: "first response", count: r.times.firstResponseHours ?? 0 },
    { key: "resolution", count: r.times.resolutionHours ?? 0 },
  ];
  const assistant = [
    { key: "answered by the assistant", count: r.assistant.conversations - r.assistant.handoffs },
    { key: "handed to a person", count: r.assistant.handoffs },
  ];
  const rates = r.returnRates
    .filter((x) => x.rate !== null)
    .map((x) => ({ key: x.sku, count: Math.round((x.rate ?? 0) * 1000) / 10 }));
  const moneyRows = r.money.map((m) => ({ key: `${m.key} (${m.currency})`, count: m.amount / 100, m }));
  return (
    <div className="charts">
      <Chart
        title="Requests by type"
        file={`volumes-${tag}.csv`}
        head={["type", "count"]}
        rows={r.volumes.map((v) => [v.key, v.count])}
      >
        <Bars data={r.volumes} />
      </Chart>
      <Chart
        title="Cases by channel"
        file={`channels-${tag}.csv`}
        head={["channel", "cases"]}
        rows={r.channels.map((v) => [v.key, v.count])}
      >
        <Bars data={r.channels} />
      </Chart>
      <Chart
        title="Return reasons"
        file={`return-reasons-${tag}.csv`}
        head={["reason", "items"]}
        rows={r.returnReasons.map((v) => [humanize(v.key), v.count])}
      >
        <Bars data={r.returnReasons.map((v) => ({ ...v, key: humanize(v.key) }))} />
      </Chart>
      <Chart
        title="Return rate by product (%)"
        file={`return-rates-${tag}.csv`}
        head={["sku", "product", "sold", "returned", "rate"]}
        rows={r.returnRates.map((x) => [x.sku, x.title, x.sold, x.returned, x.rate])}
      >
        <Bars data={rates} />
      </Chart>
      <Chart
        title="Refunds and store credit"
        file={`money-${tag}.csv`}
        head={["what", "currency", "amount (minor units)", "count"]}
        rows={r.money.map((m) => [m.key, m.currency, m.amount, m.count])}
        show={r.money.map((m) => [m.key, m.currency, money(m.amount, m.currency), m.count])}
      >
        <Bars data={moneyRows} />
      </Chart>
      <Chart
        title="SLA kept or breached"
        file={`sla-${tag}.csv`}
        head={["first answer", "cases"]}
        rows={sla.map((s) => [s.key, s.count])}
      >
        <Bars data={sla} colours />
      </Chart>
      <Chart
        title="Average hours to first response and resolution"
        file={`times-${tag}.csv`}
        head={["measure", "hours", "cases"]}
        rows={[
          ["first response", r.times.firstResponseHours, r.times.firstResponses],
          ["resolution", r.times.resolutionHours, r.times.resolutions],
        ]}
      >
        <Bars data={times} />
      </Chart>
      <Chart
        title="Satisfaction scores"
        file={`satisfaction-${tag}.csv`}
        head={["score", "answers"]}
        rows={r.satisfaction.map((s) => [s.key, s.count])}
      >
        <Bars data={r.satisfaction} />
      </Chart>
      <Chart
        title="Assistant answers and handoffs"
        file={`assistant-${tag}.csv`}
        head={["conversations", "count"]}
        rows={assistant.map((a) => [a.key, a.count])}
      >
        <Bars data={assistant} colours />
      </Chart>
    </div>
  );
}

function Chart(props: {
  title: string;
  file: string;
  head: string[];
  rows: (string | number | null)[][];
  show?: (string | number | null)[][];
  children: ReactNode;
}) {
  const id = props.file.replace(/\W+/g, "-");
  const shown = props.show ?? props.rows;
  return (
    <figure className="chart" aria-labelledby={id}>
      <h2 id={id}>{props.title}</h2>
      {props.rows.length === 0 ? (
        <p className="muted">Nothing in this range.</p>
      ) : (
        <div aria-hidden="true">{props.children}</div>
      )}
      <table className="queue">
        <caption className="sr-only">{props.title}</caption>
        <thead>
          <tr>
            {props.head.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <tr key={row.join("|")}>
              {row.map((cell, i) => (
                <td key={`${props.head[i]}`}>{cell ?? "—"}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        className="secondary"
        onClick={() => downloadCsv(props.file, [props.head, ...props.rows])}
      >
        Download CSV
      </button>
    </figure>
  );
}

function Bars(props: { data: readonly { key: string; count: number }[]; colours?: boolean }) {
  return (
    <BarChart width={340} height={200} data={[...props.data]} accessibilityLayer={false}>
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis dataKey="key" tick={{ fontSize: 11 }} interval={0} />
      <YAxis allowDecimals tick={{ fontSize: 11 }} width={40} />
      <Tooltip />
      <Bar dataKey="count" fill={COLOURS[0]} isAnimationActive={false}>
        {props.colours
          ? props.data.map((d, i) => <Cell key={d.key} fill={COLOURS[i % COLOURS.length]} />)
          : null}
      </Bar>
    </BarChart>
  );
}
