// The chat with the brand's assistant: answers quote the brand's own pages, and when the pages do not
// answer, the shopper is offered a person; accepting opens a case with the conversation attached.
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { Link } from "react-router";
import { explain, request } from "../shared/api.ts";
import { useBrand } from "./brand.tsx";
import type { ChatTurn, Conversation } from "./types.ts";

const storeKey = (brand: string) => `aftercare.chat.${brand}`;

export function ChatPanel(props: { id?: string; inline?: boolean; onClose?: () => void }) {
  const { slug, profile, session } = useBrand();
  const [conversation, setConversation] = useState<Conversation | null>(null);
  const [text, setText] = useState("");
  const [email, setEmail] = useState("");
  const [error, setError] = useState<string | null>(null);
  const log = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const token = session?.token ?? null;
  const base = `/api/v1/brands/${encodeURIComponent(slug)}/assistant/conversations`;

  // A conversation survives moving between pages of this tab.
  useEffect(() => {
    const id = sessionStorage.getItem(storeKey(slug));
    if (!id) return;
    request<Conversation>(`${base}/${id}`, { token })
      .then(setConversation)
      .catch(() => sessionStorage.removeItem(storeKey(slug)));
  }, [slug, base, token]);

  const count = conversation?.messages.length ?? 0;
  useEffect(() => {
    if (count) log.current?.scrollTo({ top: log.current.scrollHeight });
  }, [count]);

  useEffect(() => {
    if (!props.inline) input.current?.focus();
  }, [props.inline]);

  const send = useMutation({
    mutationFn: async (message: string) => {
      const turn = conversation
        ? await request<ChatTurn>(`${base}/${conversation.id}/messages`, { body: { text: message }, token })
        : await request<ChatTurn>(base, { body: { text: message }, token });
      return turn;
    },
    onSuccess: (turn) => {
      sessionStorage.setItem(storeKey(slug), turn.conversation.id);
      setConversation(turn.conversation);
      setText("");
      setError(null);
    },
    onError: (e) => setError(explain(e)),
  });

  const handoff = useMutation({
    mutationFn: async () => {
      if (!conversation) throw new Error("no conversation");
      return request<Conversation>(`${base}/${conversation.id}/handoff`, {
        body: session ? {} : { email },
        token,
      });
    },
    onSuccess: (c) => {
      setConversation(c);
      setError(null);
    },
    onError: (e) => setError(explain(e)),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const message = text.trim();
    if (!message || send.isPending) return;
    send.mutate(message);
  };

  const last = conversation?.messages.at(-1);
  const offered = conversation?.handoff.offered && !conversation.handoff.accepted;
  const handedOff = conversation?.handoff.accepted;

  return (
    <section
      id={props.id}
      className={`chat-panel${props.inline ? " inline" : ""}`}
      aria-label={`Chat with ${profile.name}`}
    >
      <header>
        <h2>Ask {profile.name}</h2>
        {props.onClose ? (
          <button type="button" onClick={props.onClose} aria-label="Close chat">
            ✕
          </button>
        ) : null}
      </header>
      <div className="chat-log" ref={log} aria-live="polite">
        {!conversation?.messages.length ? (
          <p className="muted">
            Ask about delivery, returns, refunds or your order. Answers come from {profile.name}'s help pages.
          </p>
        ) : null}
        {conversation?.messages.map((m) => (
          <div
            key={`${m.at}-${m.role}-${m.text.slice(0, 40)}`}
            className={`msg ${m.role === "shopper" ? "me" : "bot"}`}
          >
            <span className="skip">{m.role === "shopper" ? "You:" : `${profile.name}:`}</span>
            <RichText text={m.text} />
            {m.citations?.slice(0, 1).map((c) => (
              <blockquote key={c.text}>
                “<RichText text={c.text} />”
                <br />
                <small>
                  From{" "}
                  {c.url ? (
                    <a href={c.url} target="_blank" rel="noreferrer">
                      {c.document}
                    </a>
                  ) : (
                    <cite>{c.document}</cite>
                  )}
                </small>
              </blockquote>
            ))}
          </div>
        ))}
        {send.isPending ? (
          <p className="muted" role="status">
            Looking it up…
          </p>
        ) : null}
        {last && send.data?.reply?.action ? (
          <p>
            <a className="button secondary" href={send.data.reply.action.url}>
              Go there now
            </a>
          </p>
        ) : null}
        {offered ? (
          <div className="alert info">
            <p>Our team can answer this. We will open a case with this conversation attached.</p>
            {session ? null : (
              <>
                <label htmlFor="chat-email">Your email, for the answer</label>
                <input
                  id="chat-email"
                  type="email"
                  autoComplete="email"
                  value={email}
                  onChange={(e) => setEmail(e.target.value)}
                />
              </>
            )}
            <div className="actions">
              <button
                type="button"
                disabled={handoff.isPending || (!session && !/^\S+@\S+\.\S+$/.test(email))}
                onClick={() => handoff.mutate()}
              >
                Pass to the team
              </button>
            </div>
          </div>
        ) : null}
        {handedOff ? (
          <div className="alert ok" role="status">
            Your question is with the team (case {conversation?.handoff.caseId?.slice(0, 8)}). We will answer
            by email
            {session ? (
              <>
                {" "}
                and you can follow it in <Link to={`/b/${slug}/cases`}>My cases</Link>
              </>
            ) : null}
            . You can keep writing here: messages go to the same case.
          </div>
        ) : null}
        {error ? (
          <p className="field-error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
      <form className="chat-form" onSubmit={submit}>
        <label className="skip" htmlFor={`${props.id ?? "chat"}-input`}>
          Your question
        </label>
        <input
          ref={input}
          id={`${props.id ?? "chat"}-input`}
          type="text"
          value={text}
          maxLength={2000}
          placeholder="Type your question"
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" disabled={send.isPending || !text.trim()}>
          Send
        </button>
      </form>
    </section>
  );
}

/** Help pages are often Markdown: show **bold** as bold and drop other emphasis marks. */
function RichText(props: { text: string }) {
  const parts = props.text.replace(/(^|\s)[_*](\S[^_*]*\S|\S)[_*](?=\s|[.,;:!?]|$)/g, "$1$2").split("**");
  return (
    <>
      {parts.map((part, i) =>
        // Odd parts sat between a pair of ** marks.
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one string never reorder
        i % 2 === 1 ? <strong key={i}>{part}</strong> : <span key={i}>{part}</span>,
      )}
    </>
  );
}
