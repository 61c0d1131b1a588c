import type { AcknowledgementFields, FieldProblems } from "../../lib/acknowledgementFields.ts";
import { FormField } from "./FormField.tsx";

interface Props {
  fields: AcknowledgementFields;
  problems: FieldProblems;
  onChange: (fields: AcknowledgementFields) => void;
}

/**
 * Who is acknowledging, typed by the learner: the record marks it as self-asserted, and so does the
 * page. The full name is also the signature, so the learner types it once.
 */
export function IdentityFields({ fields, problems, onChange }: Props) {
  const set = (key: keyof AcknowledgementFields) => (value: string) => onChange({ ...fields, [key]: value });
  return (
    <fieldset>
      <legend>Who you are</legend>
      <p className="hint">Without single sign-on, your record shows these details as typed by you (self-asserted).</p>
      <FormField
        id="identity-name"
        label="Full name"
        hint="As the company directory has it. Typing it here is your signature."
        autoComplete="name"
        value={fields.name}
        onChange={set("name")}
        problem={problems.name}
      />
      <FormField
        id="identity-email"
        label="Work email"
        type="email"
        autoComplete="email"
        value={fields.email}
        onChange={set("email")}
        problem={problems.email}
      />
      <FormField
        id="identity-employeeId"
        label="Employee ID"
        autoComplete="off"
        value={fields.employeeId}
        onChange={set("employeeId")}
        problem={problems.employeeId}
      />
    </fieldset>
  );
}
