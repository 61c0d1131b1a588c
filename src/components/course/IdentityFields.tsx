export interface Identity {
  name: string;
  email: string;
  employeeId: string;
}

interface Props {
  identity: Identity;
  onChange: (identity: Identity) => void;
}

const FIELDS = [
  { key: "name", label: "Full name", type: "text", autoComplete: "name" },
  { key: "email", label: "Work email", type: "email", autoComplete: "email" },
  { key: "employeeId", label: "Employee ID", type: "text", autoComplete: "off" },
] as const;

/** Who is acknowledging, typed by the learner: the record marks it as self-asserted, and so does the page. */
export function IdentityFields({ identity, onChange }: Props) {
  return (
    <fieldset>
      <legend>Who you are</legend>
      <p className="hint">Without single sign-on, your record shows these details as typed by you (self-asserted).</p>
      {FIELDS.map(({ key, label, type, autoComplete }) => (
        <p className="field" key={key}>
          <label htmlFor={`identity-${key}`}>{label}</label>
          <input
            id={`identity-${key}`}
            type={type}
            required
            autoComplete={autoComplete}
            value={identity[key]}
            onChange={(e) => onChange({ ...identity, [key]: e.target.value })}
          />
        </p>
      ))}
    </fieldset>
  );
}
