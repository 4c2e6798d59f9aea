"""Every limit the answer parser enforces, in one place.

The limits keep any typed answer cheap to read: they are checked on the text and tokens, and on
our own syntax tree before a single SymPy object exists, so a hostile answer is refused in
microseconds instead of being computed. Change a number here and the messages follow.
"""

from __future__ import annotations

#: The longest answer, in characters, that is read at all.
MAX_LENGTH = 500

#: The deepest nesting of brackets, bars, function calls and stacked powers.
MAX_NESTING = 30

#: The most digits a single number literal may have (`3.14159...` to 60 places is plenty).
MAX_NUMBER_DIGITS = 60

#: The largest power of ten in scientific notation, `1e300` (floats end near 1e308).
MAX_SCIENTIFIC_EXPONENT = 300

#: The largest exponent (in absolute value) a power may have, `x^10000`.
MAX_EXPONENT = 10_000

#: The most digits an exact number built while reading may have (2^10000 has 3011; Python
#: refuses to print integers beyond 4300 digits).
MAX_RESULT_DIGITS = 4_000

#: The most digits (all told) of the exact numbers under roots in one product, `sqrt(10^99+1)`:
#: SymPy factors them to simplify, which grows slow (and fragile) for long numbers.
MAX_ROOT_DIGITS = 100

#: The largest whole number whose factorial is computed, `1000!`.
MAX_FACTORIAL = 1_000

#: How much of the source text a message quotes before it is shortened with "...".
MAX_QUOTE = 20
