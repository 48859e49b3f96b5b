"""Usernames that look alike: "alex" written with a Cyrillic "a" reads as "alex" anywhere.

A username's skeleton replaces every letter with the one it is commonly mistaken for
(after Unicode compatibility folding and case folding), so two names that look the same
have the same skeleton. The table holds the common look-alikes of Latin letters and
digits from the Cyrillic and Greek alphabets, after Unicode's confusables list.
"""

import unicodedata

_LOOK_ALIKES = {
    # Cyrillic
    "\N{CYRILLIC SMALL LETTER A}": "a",
    "\N{CYRILLIC SMALL LETTER VE}": "b",
    "\N{CYRILLIC SMALL LETTER IE}": "e",
    "\N{CYRILLIC SMALL LETTER IO}": "e",
    "\N{CYRILLIC SMALL LETTER GHE}": "r",
    "\N{CYRILLIC SMALL LETTER SHHA}": "h",
    "\N{CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I}": "i",
    "\N{CYRILLIC SMALL LETTER YI}": "i",
    "\N{CYRILLIC SMALL LETTER JE}": "j",
    "\N{CYRILLIC SMALL LETTER KA}": "k",
    "\N{CYRILLIC SMALL LETTER EM}": "m",
    "\N{CYRILLIC SMALL LETTER EN}": "h",
    "\N{CYRILLIC SMALL LETTER O}": "o",
    "\N{CYRILLIC SMALL LETTER PE}": "n",
    "\N{CYRILLIC SMALL LETTER ER}": "p",
    "\N{CYRILLIC SMALL LETTER ES}": "c",
    "\N{CYRILLIC SMALL LETTER TE}": "t",
    "\N{CYRILLIC SMALL LETTER U}": "y",
    "\N{CYRILLIC SMALL LETTER HA}": "x",
    "\N{CYRILLIC SMALL LETTER DZE}": "s",
    "\N{CYRILLIC SMALL LETTER KOMI DE}": "d",
    "\N{CYRILLIC SMALL LETTER QA}": "q",
    "\N{CYRILLIC SMALL LETTER WE}": "w",
    "\N{CYRILLIC SMALL LETTER SOFT SIGN}": "b",
    "\N{CYRILLIC SMALL LETTER PALOCHKA}": "l",
    "\N{CYRILLIC SMALL LETTER ZE}": "3",
    # Greek
    "\N{GREEK SMALL LETTER ALPHA}": "a",
    "\N{GREEK SMALL LETTER BETA}": "b",
    "\N{GREEK SMALL LETTER GAMMA}": "y",
    "\N{GREEK SMALL LETTER EPSILON}": "e",
    "\N{GREEK SMALL LETTER ETA}": "n",
    "\N{GREEK SMALL LETTER IOTA}": "i",
    "\N{GREEK SMALL LETTER KAPPA}": "k",
    "\N{GREEK SMALL LETTER NU}": "v",
    "\N{GREEK SMALL LETTER OMICRON}": "o",
    "\N{GREEK SMALL LETTER RHO}": "p",
    "\N{GREEK SMALL LETTER TAU}": "t",
    "\N{GREEK SMALL LETTER UPSILON}": "u",
    "\N{GREEK SMALL LETTER CHI}": "x",
    "\N{GREEK SMALL LETTER OMEGA}": "w",
    "\N{GREEK LUNATE SIGMA SYMBOL}": "c",
    "\N{GREEK LETTER YOT}": "j",
    # Latin and digits that pass for one another
    "\N{LATIN SMALL LETTER DOTLESS I}": "i",
    "\N{LATIN SMALL LETTER IOTA}": "i",
    "\N{LATIN SMALL LETTER ALPHA}": "a",
    "\N{LATIN SMALL LETTER SCRIPT G}": "g",
    "\N{LATIN LETTER SMALL CAPITAL Y}": "y",
    "0": "o",
    "1": "l",
    "|": "l",
}
_TABLE = str.maketrans(_LOOK_ALIKES)


def skeleton(username: str) -> str:
    folded = unicodedata.normalize("NFKC", username).casefold()
    # "i" and "l" are told apart on no screen that matters here.
    return folded.translate(_TABLE).replace("i", "l")
