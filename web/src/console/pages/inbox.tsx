// The inbox: every case of the brands the agent works for, newest activity first, refreshed every 10
// seconds. Filters (brand, status, assignee, channel, request type and the search on the server; the
// SLA clock here, from the due times), saved views,
// unread and SLA badges, and keys for the common moves: j/k move, Enter opens, a assigns to me,
// r opens the reply, s solves.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { Link, useNavigate } from "react-router";
import { dateTime, humanize } from "../../shared/format.ts";
import { Badge, Loading } from "../../shared/ui.tsx";
import { staff } from "../api.ts";
import { assignCase, type CaseFilters, type CaseSummary, listCases, seenAt, setStatus } from "../cases.ts";
import { useBrands, useUser } from "../session.tsx";
import { Problem, SlaBadge, slaState } from "../ui.tsx";

export const REQUEST_TYPES = [
  "amendment",
  "cancellation",
  "missing_item",
  "faulty_item",
  "return_question",
  "lost_parcel",
  "discount",
  "collaboration",
  "other",
] as const;

interface View extends CaseFilters {
  sla?: string;
  text?: string;
}

const VIEWS = "aftercare.console.views";
function savedViews(): Record<string, View> {
  try {
    return JSON.parse(localStorage.getItem(VIEWS) ?? "{}") as Record<string, View>;
  } catch {
    return {};
  }
}

export function useColleagues() {
  return useQuery({
    queryKey: ["colleagues"],
    queryFn: async () =>
      (await staff<{ colleagues: { id: string; name: string; role: string }[] }>("/desk/colleagues"))
        .colleagues,
    staleTime: 300_000,
  });
}

export function Inbox() {
  const user = useUser();
  const brands = useBrands();
  const colleagues = useColleagues();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [view, setView] = useState<View>({ status: "open" });
  const [views, setViews] = useState(savedViews);
  const [selected, setSelected] = useState(0);
  const [text, setText] = useState("");
  const search = useSettled(text.trim(), 300);

  const server: CaseFilters = {
    brand: view.brand,
    status: view.status,
    assignee: view.assignee === "me" ? user.id : view.assignee,
    channel: view.channel,
    requestType: view.requestType,
    q: search.length >= 2 ? search : undefined,
  };
  const cases = useQuery({
    queryKey: ["cases", server],
    queryFn: () => listCases(server),
    refetchInterval: 10_000,
  });

  const shown = useMemo(
    () => (cases.data?.cases ?? []).filter((c) => !view.sla || slaState(c) === view.sla),
    [cases.data, view.sla],
  );

  const refresh = () => client.invalidateQueries({ queryKey: ["cases"] });
  const assign = useMutation({
    mutationFn: (p: { id: string; to: string | null }) => assignCase(p.id, p.to),
    onSuccess: refresh,
  });
  const solve = useMutation({ mutationFn: (id: string) => setStatus(id, "resolved"), onSuccess: refresh });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (target.closest("input, textarea, select") || e.ctrlKey || e.metaKey || e.altKey) return;
      const current = shown[selected];
      if (e.key === "j") setSelected((i) => Math.min(i + 1, Math.max(shown.length - 1, 0)));
      else if (e.key === "k") setSelected((i) => Math.max(i - 1, 0));
      else if (e.key === "Enter" && current) void navigate(`/cases/${current.id}`);
      else if (e.key === "r" && current) void navigate(`/cases/${current.id}#reply`);
      else if (e.key === "a" && current) assign.mutate({ id: current.id, to: user.id });
      else if (e.key === "s" && current) solve.mutate(current.id);
      else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [shown, selected, navigate, assign, solve, user.id]);

  const brandName = (id: string) => brands.data?.find((b) => b.id === id)?.name ?? "";
  const who = (id: string | null) =>
    id === null
      ? "Unassigned"
      : id === user.id
        ? "Me"
        : (colleagues.data?.find((c) => c.id === id)?.name ?? "Someone");
  const set = (patch: Partial<View>) => {
    setView((v) => ({ ...v, ...patch }));
    setSelected(0);
  };
  const saveView = () => {
    const name = window.prompt("Name this view");
    if (!name) return;
    const next = { ...views, [name]: { ...view, text } };
    localStorage.setItem(VIEWS, JSON.stringify(next));
    setViews(next);
  };

  return (
    <>
      <h1>Inbox</h1>
      <div className="toolbar">
        <Select label="Brand" value={view.brand} onChange={(v) => set({ brand: v })}>
          {(brands.data ?? []).map((b) => (
            <option key={b.slug} value={b.slug}>
              {b.name}
            </option>
          ))}
        </Select>
        <Select label="Status" value={view.status} onChange={(v) => set({ status: v })}>
          {["open", "pending", "resolved", "closed"].map((s) => (
            <option key={s} value={s}>
              {humanize(s)}
            </option>
          ))}
        </Select>
        <Select label="Assignee" value={view.assignee} onChange={(v) => set({ assignee: v })}>
          <option value="me">Me</option>
          <option value="none">Unassigned</option>
          {(colleagues.data ?? [])
            .filter((c) => c.id !== user.id)
            .map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
        </Select>
        <Select label="Channel" value={view.channel} onChange={(v) => set({ channel: v })}>
          {["email", "chat", "portal", "phone"].map((s) => (
            <option key={s} value={s}>
              {humanize(s)}
            </option>
          ))}
        </Select>
        <Select label="Request" value={view.requestType} onChange={(v) => set({ requestType: v })}>
          {REQUEST_TYPES.map((s) => (
            <option key={s} value={s}>
              {humanize(s)}
            </option>
          ))}
        </Select>
        <Select label="SLA" value={view.sla} onChange={(v) => set({ sla: v })}>
          <option value="due">Due soon</option>
          <option value="breached">Breached</option>
        </Select>
        <div className="field">
          <label htmlFor="inbox-search">Search</label>
          <input
            id="inbox-search"
            type="search"
            placeholder="Order number, email or text"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        <button type="button" className="secondary" onClick={saveView}>
          Save view
        </button>
      </div>
      {Object.keys(views).length ? (
        <p>
          Saved views:{" "}
          {Object.entries(views).map(([name, v]) => (
            <button
              key={name}
              type="button"
              className="secondary"
              style={{ marginRight: "0.5rem" }}
              onClick={() => {
                setView(v);
                setText(v.text ?? "");
              }}
            >
              {name}
            </button>
          ))}
        </p>
      ) : null}
      <p className="muted">
        Keys: <span className="kbd">j</span>/<span className="kbd">k</span> move,{" "}
        <span className="kbd">Enter</span> open, <span className="kbd">a</span> assign to me,{" "}
        <span className="kbd">r</span> reply, <span className="kbd">s</span> solve. Updates every 10 seconds.
      </p>
      <Problem error={cases.error ?? assign.error ?? solve.error} />
      {cases.isPending ? (
        <Loading what="cases" />
      ) : shown.length === 0 ? (
        <p>No cases match.</p>
      ) : (
        <table className="queue">
          <caption className="muted" style={{ textAlign: "left" }}>
            {shown.length} case{shown.length === 1 ? "" : "s"}
          </caption>
          <thead>
            <tr>
              <th scope="col">Subject</th>
              <th scope="col">Shopper</th>
              <th scope="col">Brand</th>
              <th scope="col">Channel</th>
              <th scope="col">Request</th>
              <th scope="col">Status</th>
              <th scope="col">Assignee</th>
              <th scope="col">Updated</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((c, i) => (
              <Row
                key={c.id}
                c={c}
                selected={i === selected}
                brand={brandName(c.brandId)}
                assignee={who(c.assigneeId)}
                onAssign={() => assign.mutate({ id: c.id, to: user.id })}
                mine={c.assigneeId === user.id}
              />
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function Row(props: {
  c: CaseSummary;
  selected: boolean;
  brand: string;
  assignee: string;
  mine: boolean;
  onAssign: () => void;
}) {
  const { c } = props;
  const seen = seenAt(c.id);
  const unread = seen === null || seen < c.updatedAt;
  return (
    <tr className={props.selected ? "selected" : undefined} aria-selected={props.selected}>
      <td>
        <Link to={`/cases/${c.id}`}>{c.subject}</Link> {unread ? <Badge kind="warn">Unread</Badge> : null}{" "}
        <SlaBadge state={slaState(c)} />
      </td>
      <td>{c.customerEmail}</td>
      <td>{props.brand}</td>
      <td>{c.channel ? humanize(c.channel) : ""}</td>
      <td>{c.requestType ? humanize(c.requestType) : ""}</td>
      <td>{humanize(c.status)}</td>
      <td>{props.assignee}</td>
      <td>{dateTime(c.updatedAt)}</td>
      <td>
        {props.mine ? null : (
          <button type="button" className="secondary" onClick={props.onAssign}>
            Assign to me
          </button>
        )}
      </td>
    </tr>
  );
}

/** The value once it has stopped changing for `ms`, so typing a search sends one request, not one a key. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

function Select(props: {
  label: string;
  value: string | undefined;
  onChange: (v: string | undefined) => void;
  children: React.ReactNode;
}) {
  const id = `filter-${props.label.toLowerCase()}`;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select id={id} value={props.value ?? ""} onChange={(e) => props.onChange(e.target.value || undefined)}>
        <option value="">Any</option>
        {props.children}
      </select>
    </div>
  );
}
