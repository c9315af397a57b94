// Admin: the care team's accounts.
import { createStaffUser } from "../../app/access/create-staff-user.ts";
import { listStaffUsers } from "../../app/access/list-staff-users.ts";
import { generatePassword } from "../../app/access/password.ts";
import type { ServerDeps } from "../deps.ts";
import { defineRoute, type RouteSpec } from "../route.ts";
import { ZCreatedStaffUser, ZCreateStaffUserBody, ZStaffUserList } from "./staff-users.schema.ts";

export function staffUserRoutes(deps: ServerDeps): RouteSpec[] {
  const db = deps.store.db;
  return [
    defineRoute({
      method: "GET",
      url: "/api/v1/admin/staff-users",
      summary: "List staff users",
      tags: ["admin"],
      access: { kind: "staff", roles: ["admin"] },
      response: ZStaffUserList,
      handler: async ({ actor }) => ({ users: await listStaffUsers(db, actor) }),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/admin/staff-users",
      summary: "Add a staff user with a role (and optionally one brand)",
      tags: ["admin"],
      access: { kind: "staff", roles: ["admin"] },
      body: ZCreateStaffUserBody,
      response: ZCreatedStaffUser,
      status: 201,
      handler: async ({ body, actor }) => {
        const generatedPassword = body.password ? null : generatePassword();
        const user = await createStaffUser(
          db,
          {
            email: body.email,
            name: body.name,
            role: body.role,
            brandSlug: body.brand ?? null,
            password: body.password ?? generatedPassword ?? "",
          },
          actor,
          deps.now(),
        );
        return { user, generatedPassword };
      },
    }),
  ];
}
