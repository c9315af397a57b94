// Aftercare chat widget for a store's own pages:
//   <script src="https://help.example.com/widget.js" data-brand="kallesia" async></script>
// It adds a button that opens the brand's assistant in a frame served by Aftercare, so answers,
// citations and the handoff to a person work exactly as in the portal.
(() => {
  const script = document.currentScript;
  if (!script) return;
  const brand = script.getAttribute("data-brand");
  if (!brand) {
    console.error('Aftercare widget: add data-brand="your-brand" to the script tag.');
    return;
  }
  const origin = new URL(script.src, document.baseURI).origin;
  const label = script.getAttribute("data-label") || "Chat with us";
  const colour = script.getAttribute("data-colour") || "#1f3a5f";

  const button = document.createElement("button");
  button.type = "button";
  button.textContent = label;
  button.setAttribute("aria-expanded", "false");
  button.style.cssText =
    `position:fixed;right:16px;bottom:16px;z-index:2147483000;padding:12px 18px;border:0;border-radius:999px;` +
    `background:${colour};color:#fff;font:600 15px system-ui,sans-serif;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25)`;

  let frame = null;
  button.addEventListener("click", () => {
    if (!frame) {
      frame = document.createElement("iframe");
      frame.title = "Chat with the store";
      frame.src = `${origin}/b/${encodeURIComponent(brand)}/contact?embed=1`;
      frame.style.cssText =
        "position:fixed;right:16px;bottom:72px;z-index:2147483000;width:min(380px,calc(100vw - 32px));" +
        "height:min(560px,calc(100vh - 100px));border:1px solid #ccc;border-radius:12px;background:#fff;" +
        "box-shadow:0 8px 30px rgba(0,0,0,.2)";
      document.body.appendChild(frame);
    } else {
      frame.hidden = !frame.hidden;
    }
    const open = !frame.hidden;
    button.setAttribute("aria-expanded", String(open));
    button.textContent = open ? "Close chat" : label;
  });
  document.body.appendChild(button);
})();
