// The frame every signed-in page shares: the navigation the role may use, who is signed in, sign out.
import type { ReactNode } from "react";
import { NavLink } from "react-router";
import { CAN, type Role } from "./api.ts";
import { useSignOut, useUser } from "./session.tsx";

const LINKS: readonly { to: string; label: string; can: (r: Role) => boolean }[] = [
  { to: "/inbox", label: "Inbox", can: CAN.inbox },
  { to: "/returns", label: "Returns desk", can: CAN.returns },
  { to: "/qc", label: "Quality control", can: CAN.returns },
  { to: "/money", label: "Money", can: CAN.money },
  { to: "/discounts", label: "Discount codes", can: CAN.discounts },
  { to: "/collaborations", label: "Collaborations", can: CAN.collaborations },
  { to: "/reports", label: "Reports", can: CAN.reports },
  { to: "/settings", label: "Settings", can: CAN.settings },
];

export function Layout(props: { children: ReactNode }) {
  const user = useUser();
  const signOut = useSignOut();
  return (
    <div className="console">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <nav aria-label="Console">
        <p>
          <strong>Aftercare</strong>
        </p>
        {LINKS.filter((l) => l.can(user.role)).map((l) => (
          <NavLink key={l.to} to={l.to}>
            {l.label}
          </NavLink>
        ))}
        <p className="who">
          {user.name}
          <br />
          {user.role}
        </p>
        <button type="button" onClick={() => void signOut()}>
          Sign out
        </button>
      </nav>
      <main id="main">{props.children}</main>
    </div>
  );
}
