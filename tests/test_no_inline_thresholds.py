"""No float threshold is written inline in a stage body: every one is a named option (or, where an
option makes no sense, a named and documented module constant). Options modules declare them."""

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "storytrace"

# (file under src/storytrace, comparison as ast.unparse prints it): why the literal stays inline.
ALLOWED = {
    ("group/stories.py", "vec > 0.0"): (
        "a clipped score of zero means no affinity at all: a sign test, not a tuned cut-off"
    ),
}


def _float_literal(node: ast.expr) -> bool:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        node = node.operand
    return isinstance(node, ast.Constant) and isinstance(node.value, float)


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def float_comparisons(path: Path) -> list[tuple[int, str]]:
    """(line, statement-level expression) of every comparison in ``path`` with a float literal."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parent = _parents(tree)
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare) and any(_float_literal(c) for c in (node.left, *node.comparators)):
            # name it by the whole boolean test it is part of: stable across line moves
            whole: ast.AST = node
            while isinstance(parent.get(whole), ast.BoolOp | ast.UnaryOp):
                whole = parent[whole]
            out.append((node.lineno, ast.unparse(whole)))
    return sorted(out)


def stage_modules() -> list[Path]:
    return [
        p
        for p in sorted(SRC.rglob("*.py"))
        if p.name != "options.py" and not {"testing", "schema"} & set(p.relative_to(SRC).parts)
    ]


def test_no_float_threshold_inline_in_a_stage_body() -> None:
    found = []
    for path in stage_modules():
        rel = path.relative_to(SRC).as_posix()
        found += [f"{rel}:{line}: {expr}" for line, expr in float_comparisons(path) if (rel, expr) not in ALLOWED]
    assert not found, "float thresholds inline (make them options, or module constants with a reason):\n" + "\n".join(
        found
    )


def test_the_allow_list_names_only_comparisons_that_exist() -> None:
    # an entry whose comparison is gone (moved to an option) must go too, or the list hides nothing
    present = {(p.relative_to(SRC).as_posix(), e) for p in stage_modules() for _, e in float_comparisons(p)}
    assert set(ALLOWED) <= present


def test_the_scan_finds_a_float_comparison(tmp_path: Path) -> None:
    f = tmp_path / "m.py"
    f.write_text("def f(x, y):\n    return x > 0.5 and y\n\ndef g(x):\n    return -0.25 <= x\n\nz = 3 < 4\n")
    assert [line for line, _ in float_comparisons(f)] == [2, 5]
    assert float_comparisons(f)[0][1] == "x > 0.5 and y"
    assert len(stage_modules()) > 50 and not any(p.name == "options.py" for p in stage_modules())
