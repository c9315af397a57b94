// `/b/:brand/contact`: the chat in full, and the brand's addresses. With `?embed=1` (the widget's
// frame on a store's own pages) only the chat is shown.
import { useSearchParams } from "react-router";
import { useBrand } from "../brand.tsx";
import { ChatPanel } from "../chat.tsx";

export default function ContactPage() {
  const { profile } = useBrand();
  const [params] = useSearchParams();
  if (params.get("embed") === "1")
    return (
      <main id="main" style={{ padding: 0 }}>
        <h1 className="skip">Chat with {profile.name}</h1>
        <ChatPanel id="chat" inline />
      </main>
    );
  return (
    <>
      <h1>Contact {profile.name}</h1>
      <p>
        Ask here first: answers come straight from our help pages, and if they do not cover it, we pass you to
        the team.
      </p>
      <ChatPanel id="chat" inline />
      {profile.supportEmail ? (
        <p style={{ marginTop: "1rem" }}>
          Prefer email? Write to <a href={`mailto:${profile.supportEmail}`}>{profile.supportEmail}</a> with
          your order number.
        </p>
      ) : null}
    </>
  );
}
