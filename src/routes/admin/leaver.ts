import type { APIRoute } from "astro";
import { isStoreError } from "../../records/storeError.ts";
import { markLeaver } from "../../server/hrData.ts";

/**
 * POST /admin/leaver (the dashboard's form): `id` and `left` ("1" marks the employee as left today,
 * "0" brings them back). Answers by going back to the dashboard with what was done, or what to fix.
 */
export const POST: APIRoute = async ({ request, redirect }) => {
  const form = await request.formData().catch(() => undefined);
  const id = form?.get("id");
  const left = form?.get("left");
  const back = (message: string) =>
    redirect(`/admin?${new URLSearchParams({ status: left === "1" ? "left" : "", notice: message }).toString()}`, 303);
  if (typeof id !== "string" || !id || (left !== "1" && left !== "0"))
    return back(
      "Nothing was changed: the form did not say which employee, or whether they left. Use the buttons of the table.",
    );
  try {
    const employee = await markLeaver(id, left === "1");
    if (!employee) return back(`Nothing was changed: no one on the roster has the id ${id}. Import the roster again.`);
    return back(
      left === "1"
        ? `${employee.name} (${employee.id}) is marked as left on ${employee.leftOn}: out of the figures and reminders, with their records kept.`
        : `${employee.name} (${employee.id}) is back on the roster.`,
    );
  } catch (error) {
    if (!isStoreError(error)) throw error;
    return back(`Nothing was changed: ${error.message}`);
  }
};
