// Every brand page: the brand's header and navigation, the page, the footer with how to reach the
// team, and the chat on every page but the contact page (which shows it in full).
import { type ReactNode, useState } from "react";
import { NavLink, useLocation, useNavigate, useSearchParams } from "react-router";
import { useBrand } from "./brand.tsx";
import { ChatPanel } from "./chat.tsx";
import { saveSession } from "./session.ts";

export function Layout(props: { children: ReactNode }) {
  const { slug, profile, session } = useBrand();
  const location = useLocation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [chatOpen, setChatOpen] = useState(false);
  const embedded = params.get("embed") === "1";
  const onContact = location.pathname.endsWith("/contact");
  if (embedded) return <>{props.children}</>;
  const base = `/b/${slug}`;
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <div className="inner">
          <NavLink className="logo" to={base} end aria-label={`${profile.name}: order help`}>
            {profile.theme.logoText}
          </NavLink>
          <nav aria-label="Order help">
            <NavLink to={session ? `${base}/order` : base} end>
              {session ? `Order ${session.orderNumber}` : "Find my order"}
            </NavLink>
            <NavLink to={`${base}/return`}>Return</NavLink>
            <NavLink to={`${base}/problem`}>Report a problem</NavLink>
            <NavLink to={`${base}/cases`}>My cases</NavLink>
            <NavLink to={`${base}/contact`}>Contact</NavLink>
            {session ? (
              <button
                type="button"
                className="secondary"
                style={{ minHeight: "2rem", padding: "0.1rem 0.6rem" }}
                onClick={() => {
                  saveSession(slug, null);
                  void navigate(base);
                }}
              >
                Sign out
              </button>
            ) : null}
          </nav>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {props.children}
      </main>
      <footer className="site-footer">
        <p>
          {profile.supportEmail ? (
            <>
              Write to us at <a href={`mailto:${profile.supportEmail}`}>{profile.supportEmail}</a>.{" "}
            </>
          ) : null}
          <NavLink to={`${base}/collaborate`}>Collaborate with {profile.name}</NavLink>
        </p>
      </footer>
      {onContact ? null : (
        <>
          <button
            type="button"
            className="chat-toggle"
            aria-expanded={chatOpen}
            aria-controls="chat-panel"
            onClick={() => setChatOpen((o) => !o)}
          >
            {chatOpen ? "Close chat" : "Chat with us"}
          </button>
          {chatOpen ? <ChatPanel id="chat-panel" onClose={() => setChatOpen(false)} /> : null}
        </>
      )}
    </>
  );
}
