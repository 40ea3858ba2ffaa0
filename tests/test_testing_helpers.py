"""`learntools_cv.authoring.testing`: binding an exercise to a fresh namespace, setting variables, asserting outcomes
(with the messages an author reads when an assertion fails), and the hypothesis strategies."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from learntools_cv.authoring.selfcheck import SelfCheckError, SetupFailed
from learntools_cv.authoring.testing import (
    Exercise,
    assert_failed,
    assert_not_attempted,
    assert_passed,
    assert_uncheckable,
    bind_exercise,
    feature_maps,
    images,
    set_vars,
)
from learntools_cv.core import ____, binder

EXERCISE = '''
from learntools_cv.core import *

SETUP_CODE = """
base = 20
print("setting up")
"""

class Double(EqualityCheckProblem):
    _var = "doubled"
    _expected = 40
    _failure_message = "Double `base`: multiply it by 2 (x2)."
    _solution = CS("doubled = base * 2")

class Think(ThoughtQuestion):  # learntools_cv's own kind: nothing to check
    solution = "Because."

qvars = bind_exercises(globals(), [Double, MultipartProblem(Double, Think)], var_format="q_{n}")
__all__ = list(qvars)
'''


@pytest.fixture
def make_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest):
    """`make_module(source)` writes an importable module and returns its name; cleaned up afterwards, and
    the binder must be as it was."""
    monkeypatch.syspath_prepend(str(tmp_path))
    saved_namespace = binder.bound_namespace()
    names: list[str] = []

    def make(source: str = EXERCISE) -> str:
        name = f"helpers_{request.node.name.split('[')[0][5:]}_{len(names)}"
        (tmp_path / f"{name}.py").write_text(textwrap.dedent(source), encoding="utf-8")
        names.append(name)
        return name

    yield make
    for name in names:
        sys.modules.pop(name, None)
    assert binder.bound_namespace() is saved_namespace, "the helpers must give the binder back"


@pytest.fixture
def ex(make_module: Callable[..., str]):
    with bind_exercise(make_module()) as exercise:
        yield exercise


# ---- bind_exercise ------------------------------------------------------------------------------------------


def test_bind_exercise_makes_a_bound_namespace_after_the_setup(make_module: Callable[..., str]) -> None:
    name = make_module()
    saved = binder.bound_namespace()
    with bind_exercise(name) as ex:
        assert isinstance(ex, Exercise)
        assert ex.module.__name__ == name
        assert ex.ns["base"] == 20
        assert ex.ns["____"] is ____
        assert ex.ns["q_1"] is ex.q("q_1")
        assert ex.ns["__name__"] == "__main__"
        assert binder.namespace()["base"] == 20
        assert list(ex.questions) == ["q_1", "q_2.a", "q_2.b"]
        assert repr(ex) == f"<Exercise {name}: q_1, q_2.a, q_2.b>"
    assert binder.bound_namespace() is saved


def test_bind_exercise_without_the_setup_and_with_variables(make_module: Callable[..., str]) -> None:
    with bind_exercise(make_module(), setup=False, doubled=40) as ex:
        assert "base" not in ex.ns
        assert ex.ns["doubled"] == 40
        assert_passed(ex.q("q_1"))


def test_each_binding_starts_fresh(make_module: Callable[..., str]) -> None:
    name = make_module()
    with bind_exercise(name) as first:
        first.set(base=0, doubled=0)
    with bind_exercise(name) as second:
        assert second.ns["base"] == 20
        assert "doubled" not in second.ns


def test_bind_without_a_with_block_stays_bound_until_unbind(make_module: Callable[..., str]) -> None:
    saved = binder.bound_namespace()
    ex = bind_exercise(make_module())
    assert binder.namespace()["base"] == 20
    ex.unbind()
    assert binder.bound_namespace() is saved
    ex.unbind()  # a second unbind changes nothing
    assert binder.bound_namespace() is saved


def test_bind_exercise_errors(make_module: Callable[..., str]) -> None:
    with pytest.raises(SelfCheckError, match="cannot import helpers_nope: there is no such module"):
        bind_exercise("helpers_nope")
    broken = make_module(EXERCISE.replace("base = 20", "base = 20 / 0"))
    with pytest.raises(SetupFailed) as caught:
        bind_exercise(broken)
    assert str(caught.value) == "SETUP_CODE raised `ZeroDivisionError: division by zero` at line 2"


def test_q_names_a_question(ex: Exercise) -> None:
    assert ex.q("q_2.b").name == "q_2.b"
    with pytest.raises(LookupError) as caught:
        ex.q("q_9")
    assert str(caught.value) == f"{ex.module.__name__} has no question 'q_9'; it has q_1, q_2.a, q_2.b"
    with pytest.raises(LookupError) as caught:
        ex.q("q_2")
    assert str(caught.value) == f"q_2 of {ex.module.__name__} has parts; pick one of q_2.a, q_2.b"


# ---- set and run -----------------------------------------------------------------------------------------------


def test_set_and_set_vars(ex: Exercise) -> None:
    assert ex.set(doubled=41) is ex
    assert ex.ns["doubled"] == 41
    set_vars(ex, doubled=40)
    assert_passed(ex.q("q_1"))
    namespace: dict[str, object] = {}
    set_vars(namespace, x=1)
    assert namespace == {"x": 1}
    with pytest.raises(TypeError) as caught:
        set_vars([], x=1)  # type: ignore[arg-type]
    assert str(caught.value) == "set_vars needs an Exercise or a namespace dict, not a list"


def test_run_runs_code_like_a_cell(ex: Exercise) -> None:
    assert ex.run("doubled = base * 2") is ex
    assert_passed(ex.q("q_1"))


def test_run_says_what_the_code_raised(ex: Exercise) -> None:
    with pytest.raises(AssertionError) as caught:
        ex.run("x = 1\ndoubled = bse * 2")
    assert str(caught.value) == (
        "the code raised `NameError: name 'bse' is not defined` at line 2:\nx = 1\ndoubled = bse * 2"
    )


# ---- assertions --------------------------------------------------------------------------------------------


def test_assertions_that_hold_return_the_outcome(ex: Exercise) -> None:
    assert assert_not_attempted(ex.q("q_1")).message == (
        "Not attempted: Create the variable `doubled`, then run `q_1.check()` again."
    )
    ex.set(doubled=____)
    assert assert_not_attempted(ex.q("q_1")).status.value == "not_attempted"
    ex.set(doubled=41)
    assert assert_failed(ex.q("q_1")).message == "Incorrect: Double `base`: multiply it by 2 (x2)."
    assert_failed(ex.q("q_1"), match="multiply it by 2 (x2).")
    assert_failed(ex.q("q_1"), match=re.compile(r"multiply it by \d"))
    ex.set(doubled=40)
    assert assert_passed(ex.q("q_1")).message == "Correct"
    assert assert_uncheckable(ex.q("q_2.b")).label == "Nothing to check"


def test_assert_passed_fails_with_the_message(ex: Exercise) -> None:
    ex.set(doubled=41)
    with pytest.raises(AssertionError) as caught:
        assert_passed(ex.q("q_1"))
    assert str(caught.value) == (
        f"q_1 of {ex.module.__name__}: expected Correct, got:\nIncorrect: Double `base`: multiply it by 2 (x2)."
    )


def test_assert_failed_fails_with_the_message(ex: Exercise) -> None:
    ex.set(doubled=40)
    with pytest.raises(AssertionError) as caught:
        assert_failed(ex.q("q_1"))
    assert str(caught.value) == f"q_1 of {ex.module.__name__}: expected Incorrect, got:\nCorrect"


def test_assert_failed_with_other_words(ex: Exercise) -> None:
    ex.set(doubled=41)
    with pytest.raises(AssertionError) as caught:
        assert_failed(ex.q("q_1"), match="add 2")
    assert str(caught.value) == (
        f"q_1 of {ex.module.__name__}: Incorrect as expected, but the message does not contain 'add 2':\n"
        "Incorrect: Double `base`: multiply it by 2 (x2)."
    )
    with pytest.raises(AssertionError) as caught:
        assert_failed(ex.q("q_1"), match=re.compile(r"add \d"))
    assert str(caught.value) == (
        f"q_1 of {ex.module.__name__}: Incorrect as expected, but the message does not match the pattern "
        "'add \\\\d':\nIncorrect: Double `base`: multiply it by 2 (x2)."
    )
    # A str is compared literally: the parentheses and the dot are not regex syntax.
    with pytest.raises(AssertionError):
        assert_failed(ex.q("q_1"), match="multiply it by 2 .x2.")


def test_assert_failed_rejects_other_matchers(ex: Exercise) -> None:
    ex.set(doubled=41)
    with pytest.raises(TypeError) as caught:
        assert_failed(ex.q("q_1"), match=2)  # type: ignore[arg-type]
    assert str(caught.value) == "match must be a str or a compiled pattern (re.compile(...)), not int"


def test_assert_not_attempted_and_uncheckable_fail_with_the_message(ex: Exercise) -> None:
    ex.set(doubled=40)
    with pytest.raises(AssertionError) as caught:
        assert_not_attempted(ex.q("q_1"))
    assert str(caught.value) == f"q_1 of {ex.module.__name__}: expected Not attempted, got:\nCorrect"
    with pytest.raises(AssertionError) as caught:
        assert_uncheckable(ex.q("q_1"))
    assert str(caught.value) == f"q_1 of {ex.module.__name__}: expected Nothing to check, got:\nCorrect"


def test_assertions_need_a_question(ex: Exercise) -> None:
    with pytest.raises(TypeError) as caught:
        assert_passed(ex.ns["q_2"])
    assert str(caught.value) == "q_2 has parts; assert on one of them: q_2.a, q_2.b"
    with pytest.raises(TypeError) as caught:
        assert_passed("q_1")  # type: ignore[arg-type]
    assert str(caught.value) == "expected a question such as ex.q('q_1') or q_1, not a str"


def test_assertions_never_show_anything(ex: Exercise, capsys: pytest.CaptureFixture[str]) -> None:
    ex.set(doubled=41)
    assert_failed(ex.q("q_1"))
    assert capsys.readouterr() == ("", "")  # the setup's print is dropped too


# ---- hypothesis strategies ------------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_images_have_the_asked_shape_and_range(data: st.DataObject) -> None:
    min_side = data.draw(st.integers(1, 8))
    max_side = data.draw(st.integers(min_side, 12))
    channels = data.draw(st.sampled_from([None, 1, 3]))
    batch = data.draw(st.booleans())
    dtype = data.draw(st.sampled_from([np.float16, np.float32, np.float64]))
    image = data.draw(images(min_side=min_side, max_side=max_side, channels=channels, batch=batch, dtype=dtype))
    assert image.dtype == dtype
    assert image.ndim == 2 + batch + (channels is not None)
    hw = image.shape[1:3] if batch else image.shape[:2]
    assert all(min_side <= side <= max_side for side in hw)
    if batch:
        assert image.shape[0] == 1
    if channels is not None:
        assert image.shape[-1] == channels
    assert ((image >= 0) & (image <= 1)).all()


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_feature_maps_are_finite_float32_in_range(data: st.DataObject) -> None:
    non_negative = data.draw(st.booleans())
    magnitude = data.draw(st.sampled_from([0.1, 1.0, 100.0, 1e30]))
    fmap = data.draw(feature_maps(min_side=2, max_side=6, channels=4, non_negative=non_negative,
                                  max_magnitude=magnitude))
    assert fmap.dtype == np.float32
    assert fmap.shape[0] == 1 and fmap.shape[-1] == 4
    assert np.isfinite(fmap).all()
    assert (np.abs(fmap) <= magnitude).all()
    assert not (np.abs(fmap[fmap != 0]) < np.finfo(np.float32).tiny).any(), "no subnormal numbers"
    if non_negative:
        assert (fmap >= 0).all()


def test_feature_maps_hold_ties_and_zeros_often() -> None:
    maps: list[np.ndarray] = []

    @settings(max_examples=100, deadline=None, database=None)
    @given(feature_maps(min_side=4, max_side=4, channels=None, batch=False, non_negative=True))
    def collect(fmap: np.ndarray) -> None:
        maps.append(fmap)

    collect()
    with_zeros = sum((m == 0).any() for m in maps)
    with_ties = sum(len(np.unique(m)) < m.size for m in maps)
    assert with_zeros > len(maps) // 4
    assert with_ties > len(maps) // 4


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda: images(min_side=0), "images: min_side must be a whole number of at least 1, got 0"),
        (lambda: images(max_side=2.5), "images: max_side must be a whole number of at least 1, got 2.5"),
        (lambda: images(min_side=5, max_side=4), "images: max_side (4) is smaller than min_side (5)"),
        (lambda: images(channels=0), "images: channels must be a whole number of at least 1, or None for no "
                                     "channel axis, got 0"),
        (lambda: images(dtype=np.uint8), "images: dtype must be a floating-point type such as np.float32, got uint8"),
        (lambda: feature_maps(max_magnitude=0), "feature_maps: max_magnitude must be a positive float32 number, "
                                                "got 0"),
        (lambda: feature_maps(min_side=True), "feature_maps: min_side must be a whole number of at least 1, "
                                              "got True"),
    ],
)
def test_strategy_argument_errors(make: Callable[[], object], message: str) -> None:
    with pytest.raises(ValueError) as caught:
        make()
    assert str(caught.value) == message


def test_testing_imports_without_hypothesis_or_tensorflow() -> None:
    script = textwrap.dedent(
        """
        import sys
        sys.modules["hypothesis"] = None  # as if hypothesis were not installed
        import learntools_cv.authoring.testing as testing
        assert "tensorflow" not in sys.modules
        try:
            testing.feature_maps()
        except ImportError as exc:
            print(exc)
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == "learntools_cv.authoring.testing.feature_maps needs hypothesis: pip install hypothesis\n"


# ---- with the real exercise ---------------------------------------------------------------------------------


@pytest.mark.slow
def test_with_ex3() -> None:
    saved = binder.bound_namespace()
    with bind_exercise("learntools_cv.ex3") as ex:
        assert_not_attempted(ex.q("q_1"))
        ex.run("image_condense = tf.nn.pool(image_detect, (2, 2), 'AVG', strides=(2, 2), padding='SAME')")
        assert_failed(ex.q("q_1"), match="It looks like you used average pooling.")
        ex.run("image_condense = tf.nn.pool(image_detect, (2, 2), 'MAX', strides=(2, 2), padding='SAME')")
        assert_passed(ex.q("q_1"))
        assert_uncheckable(ex.q("q_2"))
    assert binder.bound_namespace() is saved


def test_public_names_are_listed_once_and_sorted() -> None:
    import learntools_cv.authoring.testing as testing

    assert testing.__all__ == sorted(set(testing.__all__))
    assert all(hasattr(testing, name) for name in testing.__all__)
