"""Pass 8: a recursive-descent parser from the prepared tokens to our syntax tree.

Precedence, loosest first: `,` (a list), `=` (one per answer), `+ -`, `* /` (left to right, so
`1/2x` = x/2), unary `-` (so `-x^2` = -(x^2)), `^` (right to left, so `2^3^2` = 2^9; a signed
exponent is fine: `x^-1`), postfix `!`, then atoms: numbers, names, calls, `( )`, `[ ]`, `| |`.
By now products are explicit and every function has its parentheses.
"""

from __future__ import annotations

from collections.abc import Callable

from calcquest.grading.parser import nodes as n
from calcquest.grading.parser.brackets import too_deep
from calcquest.grading.parser.errors import AnswerSyntaxError
from calcquest.grading.parser.limits import MAX_NESTING
from calcquest.grading.parser.tokens import Token

_CLOSING = {"(": ")", "[": "]", "abs(": ")abs"}


def parse_tokens(tokens: list[Token]) -> n.Node:
    """The syntax tree of a whole answer."""
    parser = _Parser(tokens)
    tree = parser.answer()
    parser.expect_end()
    return tree


class _Parser:
    """Recursive descent over a token list, one method per precedence level."""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.depth = 0

    def peek(self) -> Token | None:
        """The next token, or None at the end."""
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def at(self, *kinds: str) -> bool:
        """Whether the next token is one of `kinds`."""
        token = self.peek()
        return token is not None and token.kind in kinds

    def advance(self) -> Token:
        """Consume and return the next token."""
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def answer(self) -> n.Node:
        """items separated by commas; several make a bare list (a vector)."""
        items = [self.side()]
        while self.at(","):
            self.advance()
            items.append(self.side())
        if len(items) == 1:
            return items[0]
        return n.Sequence(items[0].column, items[-1].end, tuple(items))

    def side(self) -> n.Node:
        """An expression, or `left = right`."""
        left = self.expression()
        if not self.at("="):
            return left
        self.advance()
        right = self.expression()
        if self.at("="):
            token = self.advance()
            raise AnswerSyntaxError(
                f"only one '=' can go in an answer (another at column {token.column})",
                token.column,
            )
        return n.Equation(left.column, right.end, left, right)

    def expression(self) -> n.Node:
        """term { (+|-) term }"""
        return self.chain(self.term, ("+", "-"))

    def term(self) -> n.Node:
        """signed { (*|/) signed }"""
        return self.chain(self.signed, ("*", "/"))

    def chain(self, operand: Callable[[], n.Node], ops: tuple[str, str]) -> n.Node:
        """operand { op operand }, as one flat Chain node (or the operand alone)."""
        first = operand()
        rest: list[tuple[str, n.Node]] = []
        while self.at(*ops):
            op = self.advance().kind
            rest.append((op, operand()))
        if not rest:
            return first
        return n.Chain(first.column, rest[-1][1].end, first, tuple(rest))

    def signed(self) -> n.Node:
        """{+|-} power  (signs bind looser than ^)"""
        signs = []
        while self.at("+", "-"):
            signs.append(self.advance())
        node = self.power()
        if sum(1 for s in signs if s.kind == "-") % 2:
            return n.Negate(signs[0].column, node.end, node)
        return node

    def power(self) -> n.Node:
        """postfix [ ^ signed-power ]  (right associative)"""
        base = self.postfix()
        if not self.at("^"):
            return base
        caret = self.advance()
        self.enter(caret)
        exponent = self.signed()
        self.depth -= 1
        return n.Power(base.column, exponent.end, base, exponent)

    def postfix(self) -> n.Node:
        """atom { ! }"""
        node = self.atom()
        bangs = 0
        while self.at("!"):
            bang = self.advance()
            self.enter(bang)
            bangs += 1
            node = n.Factorial(node.column, bang.end, node)
        self.depth -= bangs
        return node

    def atom(self) -> n.Node:
        """A number, a name, a call, or a bracketed group."""
        token = self.peek()
        if token is None:
            raise self.ended_early()
        if token.kind in ("num", "var", "const", "ufunc", "func"):
            return self.leaf_or_call(self.advance())
        if token.kind in _CLOSING:
            return self.group(self.advance())
        raise self.unexpected(token)

    def leaf_or_call(self, token: Token) -> n.Node:
        """A number, name, or `name(args)` for functions."""
        if token.kind == "num":
            return n.Number(token.column, token.end, token.text)
        if token.kind == "func" or (token.kind == "ufunc" and self.at("(")):
            opener = self.advance()
            args, close = self.items(opener)
            return n.Call(token.column, close.end, token.kind, token.text, tuple(args))
        return n.Name(token.column, token.end, token.kind, token.text)

    def group(self, opener: Token) -> n.Node:
        """`( x )`, `(a, b)`, `[a, b]` or `|x|`."""
        items, close = self.items(opener)
        if opener.kind == "abs(" and len(items) > 1:
            raise AnswerSyntaxError(
                f"'|' at column {opener.column} holds a list; use it around one value",
                opener.column,
            )
        if opener.kind == "abs(":
            return n.Abs(opener.column, close.end, items[0])
        if opener.kind == "(" and len(items) == 1:
            return items[0]
        return n.Sequence(opener.column, close.end, tuple(items))

    def items(self, opener: Token) -> tuple[list[n.Node], Token]:
        """Comma-separated expressions up to the bracket that closes `opener`."""
        self.enter(opener)
        if self.at(_CLOSING[opener.kind]):
            raise AnswerSyntaxError(
                f"empty brackets at column {opener.column}", opener.column, "Put a value inside."
            )
        items = [self.expression()]
        while self.at(","):
            self.advance()
            items.append(self.expression())
        if not self.at(_CLOSING[opener.kind]):
            raise self.unexpected(self.peek())
        self.depth -= 1
        return items, self.advance()

    def enter(self, token: Token) -> None:
        """Count one more level of nesting, refusing answers nested too deeply."""
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise too_deep(token.column)

    def expect_end(self) -> None:
        """Refuse anything left over after a complete answer."""
        if self.peek() is not None:
            raise self.unexpected(self.peek())

    def unexpected(self, token: Token | None) -> AnswerSyntaxError:
        """A kind message for a token that cannot go where it is."""
        if token is None:
            return self.ended_early()
        where = f"at column {token.column}"
        if token.kind == "=":
            return AnswerSyntaxError(f"'=' {where} can't go there", token.column)
        if token.kind == ",":
            return AnswerSyntaxError(
                f"unexpected ',' {where}",
                token.column,
                "Commas separate the entries of a vector like [1, 2].",
            )
        text = "|" if token.kind in ("abs(", ")abs") else token.text
        return AnswerSyntaxError(f"unexpected '{text}' {where}", token.column)

    def ended_early(self) -> AnswerSyntaxError:
        """The answer stops where a value should come, e.g. after `2 +`."""
        last = self.tokens[-1] if self.tokens else None
        if last is None:
            return AnswerSyntaxError("empty answer")
        return AnswerSyntaxError(
            f"'{last.text}' at column {last.column} needs something after it",
            last.column,
            "The answer seems to stop early.",
        )
