/** What a vent is about, as far as simple rules can tell. Stored as the vent's tags. */
export enum VentTheme {
  /** Applications vanish: no reply, no news. */
  NO_RESPONSE = 'no-response',
  /** Calls and messages go unanswered. */
  NO_CALLBACK = 'no-callback',
  /** Nobody to call: no number, no name. */
  NO_PHONE = 'no-phone',
  REJECTION = 'rejection',
  /** Dreads picking up the phone. */
  CALL_NERVES = 'call-nerves',
  INTERVIEW = 'interview',
  BURNOUT = 'burnout',
}

const RULES: Array<{ theme: VentTheme; patterns: RegExp[] }> = [
  {
    theme: VentTheme.NO_RESPONSE,
    patterns: [
      /\b(never|don't|didn't|haven't|hasn't|not|nobody|no one|won't)\b[^.!?]{0,40}\bhear(d|ing)?\b/,
      /\bno (reply|replies|response|responses|news|feedback|word)\b/,
      /\b(ghost(ed|ing|s)?|radio silence|black hole|silence|crickets)\b/,
      /\b(nobody|no one|never) (gets|got|get) back\b/,
      /\bnothing back\b/,
    ],
  },
  {
    theme: VentTheme.NO_CALLBACK,
    patterns: [
      /\b(don't|didn't|never|won't|doesn't|not) (call|ring|phone|get) (me |us )?back\b/,
      /\b(no|zero) call ?backs?\b/,
      /\bvoice ?mails?\b/,
      /\bleft (a |another |two |three |several )?(message|messages)\b/,
      /\bnobody (answers|picks up)\b/,
    ],
  },
  {
    theme: VentTheme.NO_PHONE,
    patterns: [
      /\bno (phone )?(number|phone|contact|name)s?\b/,
      /\b(can't|couldn't|cannot|can not) find (a |the |any |their )?(phone|number|contact|name|person|recruiter|hiring manager)\b/,
      /\b(number|phone)s? (isn't|is not|wasn't|was not|aren't|are not|never) (listed|given|posted|anywhere)\b/,
      /\bwho (to|i should|should i) (call|contact|talk to|ask)\b/,
      /\bnot listed\b/,
    ],
  },
  {
    theme: VentTheme.REJECTION,
    patterns: [
      /\breject(ed|ion|ions|s)?\b/,
      /\bturned (me )?down\b/,
      /\bnot (selected|moving forward|a (good )?fit)\b/,
      /\b(didn't|did not) get (the|an|that) (job|offer|role|position)\b/,
      /\bother candidates?\b/,
    ],
  },
  {
    theme: VentTheme.CALL_NERVES,
    patterns: [
      /\b(nervous|anxious|anxiety|scared|afraid|terrified|awkward|uncomfortable|dread)\b/,
      /\bhate (calling|phoning|the phone|phone calls|cold)\b/,
      /\bcold[- ]?call(s|ing)?\b/,
      /\bnot a (natural )?(sales ?person|salesman|saleswoman|people person)\b/,
    ],
  },
  {
    theme: VentTheme.INTERVIEW,
    patterns: [/\binterview(s|ed|ing|er|ers)?\b/, /\bhiring process\b/],
  },
  {
    theme: VentTheme.BURNOUT,
    patterns: [
      /\b(exhausted|drained|hopeless|pointless|demoralis(ed|ing)|demoraliz(ed|ing)|discouraged|worn out|burn(ed|t) out|fed up)\b/,
      /\b(give|giving) up\b/,
      /\bwhat's the point\b/,
      /\b(so|really|very) tired\b/,
    ],
  },
];

/** Lower case, straight apostrophes, single spaces: what the rules are written against. */
function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/\bcan not\b/g, 'cannot')
    .replace(/\s+/g, ' ');
}

/** The themes a vent touches, in a stable order (the order of VentTheme). */
export function detectThemes(text: string): VentTheme[] {
  const normalized = normalize(text);
  return RULES.filter((rule) => rule.patterns.some((pattern) => pattern.test(normalized))).map((rule) => rule.theme);
}
