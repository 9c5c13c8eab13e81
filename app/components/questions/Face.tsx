/** A face drawn inline (no image request, no web font), for people who read little. */
const MOUTHS: Record<"happy" | "smile" | "sad", string> = {
  happy: "M8 17h16q-8 11-16 0z",
  smile: "M10 19q6 4 12 0",
  sad: "M10 22q6-5 12 0",
};

export function Face({ mood }: { mood: keyof typeof MOUTHS }) {
  return (
    <svg className={`face face-${mood}`} viewBox="0 0 32 32" width="56" height="56" aria-hidden="true" focusable="false">
      <circle cx="16" cy="16" r="14" />
      <circle cx="11" cy="12" r="2" className="eye" />
      <circle cx="21" cy="12" r="2" className="eye" />
      <path d={MOUTHS[mood]} className="mouth" />
    </svg>
  );
}

/** The mood of a scale option by its position among the scale's options (best first). */
export function moodOf(index: number, count: number): keyof typeof MOUTHS {
  if (index === 0) return "happy";
  return index === count - 1 ? "sad" : "smile";
}
