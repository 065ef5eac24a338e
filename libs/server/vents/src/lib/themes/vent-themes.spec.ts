import { detectThemes, VentTheme } from './vent-themes';

describe('detectThemes', () => {
  it.each([
    ['I send application after application and never hear back from anyone.', [VentTheme.NO_RESPONSE]],
    ['Total radio silence from Acme for three weeks', [VentTheme.NO_RESPONSE]],
    ['I got ghosted again', [VentTheme.NO_RESPONSE]],
    ['I called twice and left a message, they still don’t call back', [VentTheme.NO_CALLBACK]],
    ['There is no phone number anywhere in the job post', [VentTheme.NO_PHONE]],
    ["I can't find the hiring manager, who should I call?", [VentTheme.NO_PHONE]],
    ['Another rejection e-mail this morning', [VentTheme.REJECTION]],
    ['They said they went with other candidates', [VentTheme.REJECTION]],
    ["I hate calling strangers, I'm not a sales person", [VentTheme.CALL_NERVES]],
    ['I have no idea how their interview process works', [VentTheme.INTERVIEW]],
    ["Honestly I'm exhausted and ready to give up", [VentTheme.BURNOUT]],
  ])('reads "%s" as %j', (text, themes) => {
    expect(detectThemes(text)).toEqual(themes);
  });

  it('finds every theme a long vent touches, in a stable order', () => {
    const text =
      "Rejected by Initech yesterday. The rest? I never hear back. Half the posts have no phone number, and honestly I'm nervous calling anyway.";
    expect(detectThemes(text)).toEqual([
      VentTheme.NO_RESPONSE,
      VentTheme.NO_PHONE,
      VentTheme.REJECTION,
      VentTheme.CALL_NERVES,
    ]);
  });

  it('ignores case, curly apostrophes and line breaks', () => {
    expect(detectThemes('I HAVEN’T\nHEARD a thing')).toEqual([VentTheme.NO_RESPONSE]);
  });

  it('finds nothing in a vent about something else', () => {
    expect(detectThemes('The weather was lovely and my cat is fine.')).toEqual([]);
  });

  it('does not read a partial word as a theme', () => {
    expect(detectThemes('The interviewee list and the unrejectable offer')).toEqual([]);
  });
});
