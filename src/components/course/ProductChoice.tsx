import { PRODUCT_AUDIENCES, type ProductAudience } from "../../course/productAudiences.ts";

interface Props {
  /** The products the organisation deploys, in the order the intros offer them. */
  offered: readonly ProductAudience[];
  chosen: readonly ProductAudience[];
  onChange: (chosen: ProductAudience[]) => void;
  /** The question, read out with each checkbox. */
  legend: string;
}

/**
 * Which of the organisation's products the learner uses, as checkboxes grouped under the question
 * (a fieldset and its legend), in the order offered whatever the order ticked. The onboarding intro
 * and the refresher intro (when nothing knows the learner's products yet) both ask it this way.
 */
export function ProductChoice({ offered, chosen, onChange, legend }: Props) {
  if (!offered.length) return null;
  return (
    <fieldset>
      <legend>{legend}</legend>
      {offered.map((audience) => (
        <label key={audience} className="check">
          <input
            type="checkbox"
            checked={chosen.includes(audience)}
            onChange={(e) => onChange(offered.filter((a) => (a === audience ? e.target.checked : chosen.includes(a))))}
          />
          {PRODUCT_AUDIENCES[audience].name}
        </label>
      ))}
    </fieldset>
  );
}
