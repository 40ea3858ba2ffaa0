"""Judging a learner's whole Keras model by what it is and what it computes (lessons 5 and 6, and any lesson
that asks for a model).

`describe(model, input_shape)` reads a model through Keras 3's public API only (`model.layers`, each layer's
`get_config()` and `from_config()`, `keras.Input`, `count_params()`, `get_weights()`/`set_weights()`, the
layer classes of `keras.layers` for `isinstance`). It never builds, compiles, fits or changes the learner's
model: every layer is copied from its config first, and only the copies are built and run. The result is one
`Step` per thing the model computes, in order, with nested models flattened:

- what the step computes (its *kind*: a convolution, maximum pooling, a dense layer, random contrast, ...),
  and the settings that change what it computes (filters, kernel size, strides, padding, the activation named
  by what it does to a probe, units, rate, augmentation factors as the ranges they draw from);
- an activation layer right after a convolution or dense layer that has none is folded into it, so that
  `Conv2D(..., activation='relu')`, `Conv2D(...)` + `Activation('relu')` and `Conv2D(...)` + `ReLU()` are the
  same step;
- the shape of its output and its number of parameters.

`Blueprint` is the expected model in named blocks ("block three", "the head"). `judge_model(model, blueprint)`
compares the two and raises `Incorrect` naming the *first* difference in a learner's words ("Block three's
second convolution has 32 filters; it should have 64."), found by aligning the two lists of steps, so that a
missing block, a missing pooling layer, an extra layer, a wrong setting or a wrong kind of layer is each named
as such. When every step agrees, it checks what the model computes: the same random weights go into copies
of the learner's layers and of the expected ones, and every step's output on random pictures must agree. The
weights are drawn here, never the learner's, so that a model whose weights are zero (or trained into a
corner) cannot make two different computations look alike.

`judge_augmentation(model, blueprint)` checks, by behaviour, that the augmentation layers change pictures in
training, within their ranges, and leave them unchanged in inference.

Imports TensorFlow and Keras (through `tensorflow_quietly`) when first used, not when imported.
"""

from __future__ import annotations

import contextlib
import functools
import math
import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, TypeVar

import numpy as np

from learntools_cv.core.exceptions import Incorrect
from learntools_cv.core.text import code, short_repr, type_name
from learntools_cv.core.values import check_own_class

__all__ = [
    "Blueprint",
    "Block",
    "Description",
    "Step",
    "describe",
    "describe_blueprint",
    "judge_augmentation",
    "judge_model",
    "same_model",
]

# ---------------------------------------------------------------- kinds of step

# kind -> (what a learner calls it, the family it belongs to: kinds of one family are mistaken for each other).
KINDS: dict[str, tuple[str, str]] = {
    "conv": ("convolution", "conv"),
    "separable-conv": ("separable convolution", "conv"),
    "depthwise-conv": ("depthwise convolution", "conv"),
    "transposed-conv": ("transposed convolution", "conv"),
    "max-pool": ("maximum pooling layer", "pool"),
    "avg-pool": ("average pooling layer", "pool"),
    "global-avg-pool": ("global average pooling layer", "flatten"),
    "global-max-pool": ("global maximum pooling layer", "flatten"),
    "flatten": ("`Flatten` layer", "flatten"),
    "dense": ("dense layer", "dense"),
    "dropout": ("dropout layer", "dropout"),
    "spatial-dropout": ("spatial dropout layer", "dropout"),
    "batch-norm": ("batch normalization layer", "norm"),
    "layer-norm": ("layer normalization layer", "norm"),
    "activation": ("activation layer", "activation"),
    "rescaling": ("rescaling layer", "rescaling"),
    "contrast": ("random contrast layer", "augment"),
    "flip": ("random flip layer", "augment"),
    "rotation": ("random rotation layer", "augment"),
    "translation": ("random translation layer", "augment"),
    "zoom": ("random zoom layer", "augment"),
    "brightness": ("random brightness layer", "augment"),
    "crop": ("random crop layer", "augment"),
    "other-augmentation": ("random augmentation layer", "augment"),
    "other": ("layer", "other"),
}

# What a step is called by its place in the model ("block three's pooling layer"), by family.
ROLES: dict[str, str] = {"conv": "convolution", "pool": "pooling layer", "dense": "dense layer",
                         "dropout": "dropout layer"}

# How a learner writes each kind (the class in `keras.layers`), for messages.
WRITTEN: dict[str, str] = {
    "conv": "layers.Conv2D", "max-pool": "layers.MaxPool2D", "avg-pool": "layers.AveragePooling2D",
    "global-avg-pool": "layers.GlobalAveragePooling2D", "global-max-pool": "layers.GlobalMaxPooling2D",
    "flatten": "layers.Flatten", "dense": "layers.Dense", "dropout": "layers.Dropout",
    "batch-norm": "layers.BatchNormalization", "contrast": "layers.RandomContrast",
    "flip": "layers.RandomFlip", "rotation": "layers.RandomRotation", "translation": "layers.RandomTranslation",
    "zoom": "layers.RandomZoom", "brightness": "layers.RandomBrightness",
}

# The settings that change what each kind computes, in the order a difference is reported.
SETTINGS: dict[str, tuple[str, ...]] = {
    "conv": ("filters", "kernel_size", "strides", "padding", "activation", "dilation_rate", "groups", "use_bias",
             "data_format"),
    "separable-conv": ("filters", "kernel_size", "strides", "padding", "activation", "depth_multiplier"),
    "depthwise-conv": ("kernel_size", "strides", "padding", "activation", "depth_multiplier"),
    "transposed-conv": ("filters", "kernel_size", "strides", "padding", "activation"),
    "max-pool": ("pool_size", "strides", "padding", "data_format"),
    "avg-pool": ("pool_size", "strides", "padding", "data_format"),
    "global-avg-pool": ("data_format",),
    "global-max-pool": ("data_format",),
    "flatten": (),
    "dense": ("units", "activation", "use_bias"),
    "dropout": ("rate",),
    "spatial-dropout": ("rate",),
    "batch-norm": ("axis", "center", "scale", "renorm"),
    "layer-norm": ("axis",),
    "activation": ("activation",),
    "rescaling": ("scale", "offset"),
    "contrast": ("contrast",),
    "flip": ("mode",),
    "rotation": ("rotation",),
    "translation": ("height_factor", "width_factor"),
    "zoom": ("height_factor", "width_factor"),
    "brightness": ("brightness",),
    "crop": ("height", "width"),
    "other-augmentation": (),
    "other": (),
}

_WITH_ACTIVATION = ("conv", "separable-conv", "depthwise-conv", "transposed-conv", "dense")


_F = TypeVar("_F", bound=Callable[..., Any])


@contextlib.contextmanager
def _random_state_kept() -> Iterator[None]:
    """Keras draws a seed from Python's `random` for every layer it makes; the copies made here must not move
    the learner's random state (a model made after a check would start from other weights)."""
    state = random.getstate()
    try:
        yield
    finally:
        random.setstate(state)


def _keeps_random_state(fn: _F) -> _F:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with _random_state_kept():
            return fn(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


@lru_cache(maxsize=1)
def _keras() -> Any:
    from learntools_cv.core.tensorflow_quietly import tensorflow

    tensorflow()
    import keras

    return keras


def _kind_of(layer: Any) -> str:
    """The kind of a (non-model) layer, by `isinstance` against the public classes of `keras.layers`."""
    L = _keras().layers
    table: list[tuple[str, tuple[str, ...]]] = [
        ("separable-conv", ("SeparableConv2D",)),
        ("depthwise-conv", ("DepthwiseConv2D",)),
        ("transposed-conv", ("Conv2DTranspose",)),
        ("conv", ("Conv2D",)),
        ("max-pool", ("MaxPooling2D",)),
        ("avg-pool", ("AveragePooling2D",)),
        ("global-avg-pool", ("GlobalAveragePooling2D",)),
        ("global-max-pool", ("GlobalMaxPooling2D",)),
        ("flatten", ("Flatten",)),
        ("dense", ("Dense",)),
        ("spatial-dropout", ("SpatialDropout2D",)),
        ("dropout", ("Dropout",)),
        ("batch-norm", ("BatchNormalization",)),
        ("layer-norm", ("LayerNormalization",)),
        ("activation", ("Activation", "ReLU", "LeakyReLU", "ELU", "Softmax", "PReLU")),
        ("rescaling", ("Rescaling",)),
        ("contrast", ("RandomContrast",)),
        ("flip", ("RandomFlip",)),
        ("rotation", ("RandomRotation",)),
        ("translation", ("RandomTranslation",)),
        ("zoom", ("RandomZoom",)),
        ("brightness", ("RandomBrightness",)),
        ("crop", ("RandomCrop",)),
    ]
    for kind, names in table:
        classes = tuple(getattr(L, n) for n in names if hasattr(L, n))
        if classes and isinstance(layer, classes):
            return kind
    base = getattr(getattr(_keras().layers, "RandomFlip", None), "__mro__", ())
    # Every other augmentation layer of Keras 3 shares RandomFlip's base class, the public preprocessing one.
    for parent in base[1:2]:
        if isinstance(layer, parent):
            return "other-augmentation"
    return "other"


# ---------------------------------------------------------------- activations, named by behaviour

_PROBE = np.array([-6.0, -3.0, -1.5, -0.7, -0.2, 0.0, 0.3, 0.8, 1.5, 3.0, 5.0, 8.0], dtype=np.float32)


def _reference_activations() -> dict[str, np.ndarray]:
    x = _PROBE.astype(np.float64)
    sig = 1 / (1 + np.exp(-x))
    erf = np.vectorize(math.erf)
    return {
        "linear": x,
        "relu": np.maximum(x, 0),
        "sigmoid": sig,
        "tanh": np.tanh(x),
        "softplus": np.log1p(np.exp(x)),
        "softsign": x / (1 + np.abs(x)),
        "elu": np.where(x > 0, x, np.expm1(x)),
        "selu": 1.0507009873554805 * np.where(x > 0, x, 1.6732632423543772 * np.expm1(x)),
        "gelu": 0.5 * x * (1 + erf(x / np.sqrt(2))),
        "silu": x * sig,
        "relu6": np.clip(x, 0, 6),
        "hard_sigmoid": np.clip(x / 6 + 0.5, 0, 1),
        "exponential": np.exp(x),
        "softmax": np.exp(x - x.max()) / np.exp(x - x.max()).sum(),
    }


_ACTIVATION_WORDS = {
    "linear": "no activation", "relu": "the ReLU", "sigmoid": "the sigmoid", "tanh": "tanh",
    "softplus": "softplus", "softsign": "softsign", "elu": "ELU", "selu": "SELU", "gelu": "GELU", "silu": "SiLU",
    "relu6": "ReLU6", "hard_sigmoid": "the hard sigmoid", "exponential": "the exponential",
    "softmax": "softmax",
}


def name_activation(outputs: np.ndarray) -> str:
    """The name of the activation that gives `outputs` on the probe (`_PROBE`): 'relu', 'sigmoid', ...,
    'leaky_relu:0.3' for a leaky ReLU of slope 0.3, or 'unknown'."""
    y = np.asarray(outputs, dtype=np.float64).reshape(-1)
    if y.shape != _PROBE.shape or not np.all(np.isfinite(y)):
        return "unknown"
    for name, expected in _reference_activations().items():
        if np.allclose(y, expected, rtol=2e-3, atol=2e-3):
            return name
    x = _PROBE.astype(np.float64)
    positive, negative = x > 0, x < 0
    if np.allclose(y[positive], x[positive], rtol=1e-4, atol=1e-5):
        slopes = y[negative] / x[negative]
        if np.allclose(slopes, slopes[0], rtol=1e-3, atol=1e-5) and 0 < slopes[0] < 1:
            return f"leaky_relu:{slopes[0]:.3g}"
    return "unknown"


def activation_words(name: str) -> str:
    """How a learner reads an activation's name: 'the ReLU', 'no activation', 'a leaky ReLU (slope 0.3)'."""
    if name.startswith("leaky_relu:"):
        return f"a leaky ReLU (slope {name.split(':', 1)[1]})"
    if name == "unknown":
        return "an activation of its own"
    return _ACTIVATION_WORDS.get(name, name)


def _probe(fn: Callable[[Any], Any]) -> str:
    try:
        result = fn(_PROBE[None, :])
        return name_activation(np.asarray(result))
    except Exception:  # a learner's activation that cannot take a probe computes nothing we can name
        return "unknown"


# ---------------------------------------------------------------- steps


@dataclass
class Step:
    """One thing a model computes: a layer, or a convolution or dense layer with the activation layer folded
    into it."""

    kind: str
    settings: dict[str, Any]
    type_names: tuple[str, ...]
    """The classes of the layers this step is made of (`Conv2D`, `ReLU`): words for messages, never judged."""
    positions: tuple[int, ...]
    """Where its layers are among the model's layers, counted from 1, nested models flattened."""
    copies: list[Any] = field(default_factory=list, repr=False)
    """Copies of its layers (made from their configs, built on the step's input), to run."""
    output_shape: tuple[int | None, ...] | None = None
    params: int | None = None
    name: str = ""
    """Where it is in the expected model ("block three's second convolution"); empty in a learner's model."""
    block: str = ""

    @property
    def noun(self) -> str:
        """What the step is: 'an average pooling layer' is 'average pooling layer'."""
        return KINDS[self.kind][0]

    @property
    def role(self) -> str:
        """What the step is called where it stands in a model: 'pooling layer', 'convolution'."""
        return ROLES.get(self.family, self.noun)

    @property
    def family(self) -> str:
        return KINDS[self.kind][1]

    def written(self) -> str:
        return " + ".join(self.type_names)

    def phrase(self) -> str:
        """A learner's words for this step: 'a `Conv2D` layer (64 filters, 3x3 kernels, 'same' padding,
        the ReLU)'."""
        details = _details(self)
        first = self.type_names[0]
        article = "an" if first[:1].lower() in "aeiou" else "a"
        return f"{article} {code(first)} layer" + (f" ({details})" if details else "")


def _details(step: Step) -> str:
    s = step.settings
    parts: list[str] = []
    if step.kind in ("conv", "separable-conv", "transposed-conv"):
        parts.append(f"{s.get('filters')} filters")
    if "kernel_size" in s:
        parts.append(f"{_size(s['kernel_size'])} kernels")
    if "pool_size" in s:
        parts.append(f"{_size(s['pool_size'])} windows")
    if "units" in s:
        parts.append(f"{s['units']} units")
    if "padding" in s:
        parts.append(f"'{s['padding']}' padding")
    if "rate" in s:
        parts.append(f"rate {s['rate']:g}")
    if "activation" in s:
        parts.append(activation_words(s["activation"]))
    if s.get("contrast"):
        parts.append(f"contrast {_contrast_words(s['contrast'])}")
    if s.get("rotation"):
        low, high = s["rotation"]
        parts.append(f"turns of up to {high:g} of a full turn either way" if low == -high
                     else f"turns of {low:g} to {high:g} of a full turn")
    if "mode" in s:
        parts.append(f"mode '{s['mode']}'")
    return ", ".join(parts)


def _size(value: Any) -> str:
    if isinstance(value, tuple):
        return "x".join(str(v) for v in value)
    return f"{value}x{value}"


def _contrast_words(interval: tuple[float, float]) -> str:
    low, high = interval
    return f"factors from {low:g} to {high:g}"


def _rotation_words(interval: tuple[float, float]) -> str:
    low, high = interval
    return f"{low:g} to {high:g} of a full turn ({low * 360:g} to {high * 360:g} degrees)"


def _pair(value: Any) -> tuple[Any, ...]:
    if isinstance(value, (list, tuple)):
        return tuple(_pair_item(v) for v in value)
    return (value, value)


def _pair_item(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _range(value: Any, *, symmetric: bool) -> tuple[float, float] | None:
    """A factor as Keras 3 reads it, as the interval it draws from: a number `f` is (-f, f) when `symmetric`,
    a pair is itself (sorted). None when there is none."""
    if value is None:
        return None
    if isinstance(value, (list, tuple)) and len(value) == 2:
        low, high = sorted(float(v) for v in value)
        return (round(low, 6), round(high, 6))
    if isinstance(value, (int, float)):
        f = abs(float(value))
        return (round(-f, 6), round(f, 6)) if symmetric else (0.0, round(f, 6))
    return None


def _settings(kind: str, layer: Any, config: dict[str, Any], copy: Any) -> dict[str, Any]:
    """The settings of a layer that change what it computes, normalised so that equal computations have
    equal settings however they were written (3 and (3, 3); a factor 0.1 and (-0.1, 0.1))."""
    wanted = SETTINGS[kind]
    out: dict[str, Any] = {}
    for key in wanted:
        if key in ("activation", "contrast", "rotation", "brightness"):
            continue
        if key in config:
            value = config[key]
            if key in ("kernel_size", "strides", "pool_size", "dilation_rate"):
                value = _pair(value) if value is not None else None
            if key == "strides" and value is None:  # pooling: strides default to the window
                value = _pair(config.get("pool_size"))
            if key == "padding" and isinstance(value, str):
                value = value.lower()
            if key in ("height_factor", "width_factor"):
                value = _range(value, symmetric=True)
            if key == "axis" and isinstance(value, list) and len(value) == 1:
                value = value[0]
            out[key] = value
    if "activation" in wanted:
        if kind == "activation":
            out["activation"] = _probe(lambda x: copy(x))
        else:
            fn = getattr(copy, "activation", None) or getattr(layer, "activation", None)
            out["activation"] = _probe(fn) if callable(fn) else "unknown"
    if kind == "contrast":
        # Keras 3 draws the contrast factor from [1 - lower, 1 + upper] of its `factor` (a number f is read
        # as (0, f) by Keras 3.15): say the interval of factors, which is what it does.
        factor = getattr(copy, "factor", None)
        if isinstance(factor, (list, tuple)) and len(factor) == 2:
            out["contrast"] = (round(1 - float(factor[0]), 6), round(1 + float(factor[1]), 6))
        else:
            out["contrast"] = None
    if kind == "rotation":
        out["rotation"] = _range(config.get("factor"), symmetric=True)
    if kind == "brightness":
        out["brightness"] = _range(config.get("factor"), symmetric=True)
    return out


# ---------------------------------------------------------------- reading a model


class Unreadable(Exception):
    """The model could not be read; the message is in a learner's words."""


@dataclass
class Description:
    """A model as a list of steps, with the input shape it was described on."""

    steps: list[Step]
    input_shape: tuple[int | None, ...]
    declared_input: tuple[int | None, ...] | None
    """The input shape the model itself declares (None when it has none yet: it is built on first use)."""

    @property
    def params(self) -> int | None:
        counts = [s.params for s in self.steps]
        return None if any(c is None for c in counts) else sum(c for c in counts if c is not None)


def _is_model(value: Any) -> bool:
    return isinstance(value, _keras().Model)


def _leaves(model: Any, prefix: tuple[int, ...] = ()) -> Iterator[Any]:
    """The model's layers in order, nested models opened up (their input layers left out)."""
    keras = _keras()
    layers = list(model.layers)
    if not isinstance(model, keras.Sequential):
        _require_chain(model, layers)
    for layer in layers:
        if isinstance(layer, keras.layers.InputLayer):
            continue
        if isinstance(layer, keras.Model):
            yield from _leaves(layer)
        else:
            yield layer


def _require_chain(model: Any, layers: list[Any]) -> None:
    """A functional model must be one chain of layers, each taking the output of the one before, for its
    layers in order to be what it computes."""
    keras = _keras()
    previous = None
    for layer in layers:
        if isinstance(layer, keras.layers.InputLayer):
            previous = layer.output
            continue
        try:
            taken = layer.input
        except Exception:
            taken = None
        if previous is not None and taken is not previous:
            raise Unreadable(
                "Your model is not one chain of layers: a layer takes something other than the output of the "
                "layer before it. The model for this question is a single chain, as `keras.Sequential([...])` "
                "makes it."
            )
        previous = layer.output


def _declared_input(model: Any) -> tuple[int | None, ...] | None:
    try:
        inputs = model.inputs
    except Exception:  # not built: no input declared, Keras builds it on first use
        return None
    if not inputs or len(inputs) != 1:
        return None
    return tuple(None if d is None else int(d) for d in inputs[0].shape)


@_keeps_random_state
def describe(model: Any, input_shape: Sequence[int | None], *, name: str = "model") -> Description:
    """Describe `model` (any Keras model: Sequential or functional, nested or not) as `Step`s, on pictures of
    `input_shape` (without the batch axis) unless the model declares an input of its own.

    Raises `Incorrect` in a learner's words when `model` is no Keras model, or cannot be read."""
    keras = _keras()
    _require_model(model, name)
    try:
        leaves = list(_leaves(model))
        declared = _declared_input(model)
    except Unreadable as exc:
        raise Incorrect(str(exc), mistake="not-a-chain") from None
    except Exception as exc:
        raise Incorrect(f"{code(name)} could not be read as a Keras model: asking it for its layers raised "
                        f"{code(type(exc).__name__)}.", mistake="unreadable-model") from None
    if not leaves:
        raise Incorrect(f"{code(name)} has no layers yet. Put the layers in the list you give "
                        "`keras.Sequential([...])`.", mistake="empty-model")
    shape: tuple[int | None, ...] = declared if declared is not None else (None, *input_shape)
    steps: list[Step] = []
    for position, layer in enumerate(leaves, start=1):
        kind = _kind_of(layer)
        try:
            config = layer.get_config()
            copy = type(layer).from_config(config)
        except Exception:
            config, copy = {}, None
        settings = _settings(kind, layer, config, copy) if copy is not None else {}
        step = Step(kind, settings, (type(layer).__name__,), (position,), [copy] if copy is not None else [])
        if (kind == "activation" and steps and steps[-1].kind in _WITH_ACTIVATION
                and steps[-1].settings.get("activation") == "linear"):
            last = steps[-1]
            last.settings["activation"] = settings.get("activation", "unknown")
            last.type_names += step.type_names
            last.positions += step.positions
            last.copies += step.copies
            step = last
        else:
            steps.append(step)
        shape = _build(step, copy, shape, keras)
    return Description(steps, (None, *input_shape) if declared is None else declared, declared)


def _build(step: Step, copy: Any, shape: tuple[int | None, ...] | None, keras: Any) -> tuple[int | None, ...] | None:
    """Build the copy on `shape` symbolically, record the step's output shape and parameters, and return
    the shape that comes out (None once it cannot be known)."""
    if copy is None or shape is None:
        step.output_shape = None
        step.params = None
        return None
    try:
        out = copy(keras.Input(batch_shape=shape, name="probe"))
        new_shape = tuple(None if d is None else int(d) for d in out.shape)
        params = int(copy.count_params())
    except Exception:
        step.output_shape, step.params = None, None
        return None
    step.output_shape = new_shape
    step.params = (step.params or 0) + params if len(step.copies) > 1 else params
    return new_shape


def _require_model(model: Any, name: str) -> None:
    keras = _keras()
    check_own_class(model, name)
    if _is_model(model):
        return
    if isinstance(model, type) and issubclass(model, keras.Model):
        raise Incorrect(f"{code(name)} is the class {code(model.__name__)} itself. Call it with the list of "
                        f"layers: `{name} = keras.Sequential([...])`.", mistake="not-a-model")
    if isinstance(model, keras.layers.Layer):
        raise Incorrect(f"{code(name)} is a single {code(type(model).__name__)} layer, not a model. Put the "
                        f"layers in a list and give it to `keras.Sequential([...])`.", mistake="not-a-model")
    if isinstance(model, (list, tuple)):
        raise Incorrect(f"{code(name)} is a {type(model).__name__} of layers, not a model. Give the list to "
                        f"`keras.Sequential(...)`: `{name} = keras.Sequential([...])`.", mistake="not-a-model")
    raise Incorrect(f"{code(name)} should be a Keras model (`keras.Sequential([...])`), but it is "
                    f"{code(short_repr(model, 60))} ({code(type_name(model))}).", mistake="not-a-model")


# ---------------------------------------------------------------- the expected model


@dataclass(frozen=True)
class Block:
    """A named part of the expected model: its layers (made fresh by `make`), and how to write it."""

    name: str
    """How the lesson calls it: 'block one', 'the head', 'the augmentation'."""
    make: Callable[[], list[Any]]
    advice: str
    """How to write the block, for a learner whose model lacks it (markdown)."""
    accept: dict[int, dict[str, tuple[Any, ...]]] = field(default_factory=dict)
    """Other values accepted for a setting of the block's n-th step (counted from 0): {0: {'contrast':
    ((0.9, 1.1),)}}."""


@dataclass(frozen=True)
class Blueprint:
    """The expected model: its input shape (without the batch axis) and its blocks in order."""

    input_shape: tuple[int, ...]
    blocks: tuple[Block, ...]

    def model(self) -> Any:
        keras = _keras()
        layers: list[Any] = [keras.Input(shape=self.input_shape)]
        for block in self.blocks:
            layers += block.make()
        return keras.Sequential(layers)


_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth")


@_keeps_random_state
def describe_blueprint(blueprint: Blueprint) -> Description:
    """The expected model described as a learner's is, each step named after its block ("block three's
    second convolution")."""
    keras = _keras()
    layers: list[Any] = []
    owner: list[int] = []
    for number, block in enumerate(blueprint.blocks):
        made = block.make()
        layers += made
        # A block may be a whole model (a pretrained base): its layers count one by one, as describe opens it.
        owner += [number] * sum(len(list(_leaves(m))) if _is_model(m) else 1 for m in made)
    whole = describe(keras.Sequential([keras.Input(shape=blueprint.input_shape), *layers]), blueprint.input_shape)
    for number, block in enumerate(blueprint.blocks):
        steps = [s for s in whole.steps if owner[s.positions[0] - 1] == number]
        roles = [s.role for s in steps]
        for i, step in enumerate(steps):
            ordinal = _ORDINALS[roles[:i].count(step.role)] + " " if roles.count(step.role) > 1 else ""
            step.name = f"{block.name}'s {ordinal}{step.role}"
            step.block = block.name
            for key, values in block.accept.get(i, {}).items():
                step.settings[key] = _OneOf((step.settings.get(key), *values))
    return whole


@dataclass(frozen=True)
class _OneOf:
    """Several values that are all right for one setting."""

    values: tuple[Any, ...]

    def first(self) -> Any:
        return self.values[0]


def _setting_equal(expected: Any, actual: Any) -> bool:
    if isinstance(expected, _OneOf):
        return any(_setting_equal(v, actual) for v in expected.values)
    if isinstance(expected, float) or isinstance(actual, float):
        try:
            return math.isclose(float(expected), float(actual), rel_tol=1e-6, abs_tol=1e-9)
        except (TypeError, ValueError):
            return False
    if isinstance(expected, tuple) and isinstance(actual, tuple):
        return len(expected) == len(actual) and all(_setting_equal(e, a) for e, a in zip(expected, actual))
    return type(expected) is type(actual) and expected == actual


def _first_setting_difference(expected: Step, actual: Step) -> str | None:
    for key in SETTINGS[expected.kind]:
        if not _setting_equal(expected.settings.get(key), actual.settings.get(key)):
            return key
    return None


def _plain(value: Any) -> Any:
    return value.first() if isinstance(value, _OneOf) else value


# ---------------------------------------------------------------- aligning a learner's steps with the expected


def _canonical(steps: list[Step]) -> list[Step]:
    """Augmentation layers in a row compute the same whatever their order: sort each such run by kind."""
    out: list[Step] = []
    run: list[Step] = []
    for step in [*steps, None]:
        if step is not None and step.family == "augment":
            run.append(step)
            continue
        out += sorted(run, key=lambda s: s.kind)
        run = []
        if step is not None:
            out.append(step)
    return out


def _cost(expected: Step, actual: Step) -> float:
    """What it costs to read `actual` as `expected`: nothing when they agree, more the more settings differ,
    more still for another kind of the same family; a layer of another family is never read as `expected`
    (that costs more than a missing layer and an extra one)."""
    if expected.kind == actual.kind:
        differ = sum(not _setting_equal(expected.settings.get(k), actual.settings.get(k))
                     for k in SETTINGS[expected.kind])
        return 0.0 if differ == 0 else min(1.5, 0.5 + 0.25 * differ)
    if expected.family == actual.family:
        return 1.75
    return 3.0


def _align(expected: list[Step], actual: list[Step]) -> list[tuple[str, int | None, int | None]]:
    """The cheapest edit from the expected steps to the learner's, as ('same' | 'change' | 'missing' |
    'extra', expected index, actual index) in order."""
    n, m = len(expected), len(actual)
    table = np.zeros((n + 1, m + 1))
    table[:, 0] = np.arange(n + 1)
    table[0, :] = np.arange(m + 1)
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            table[i, j] = min(table[i - 1, j - 1] + _cost(expected[i - 1], actual[j - 1]),
                              table[i - 1, j] + 1, table[i, j - 1] + 1)
    ops: list[tuple[str, int | None, int | None]] = []
    i, j = n, m
    # Walking back from the end, a gap is taken before an equally cheap pairing, so that gaps come as late
    # as they can: a missing block lines up with the block, an extra layer follows the layers it repeats.
    while i > 0 or j > 0:
        if i > 0 and math.isclose(table[i, j], table[i - 1, j] + 1):
            ops.append(("missing", i - 1, None))
            i -= 1
        elif j > 0 and math.isclose(table[i, j], table[i, j - 1] + 1):
            ops.append(("extra", None, j - 1))
            j -= 1
        else:
            same = _cost(expected[i - 1], actual[j - 1]) == 0
            ops.append(("same" if same else "change", i - 1, j - 1))
            i, j = i - 1, j - 1
    ops.reverse()
    return ops


# ---------------------------------------------------------------- the first difference, in words


def _bare(name: str) -> str:
    """'the augmentation' is 'augmentation' after 'no': "Your model has no augmentation"."""
    return name[4:] if name.startswith("the ") else name


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _shape_words(shape: tuple[int | None, ...] | None) -> str:
    if shape is None:
        return "an unknown shape"
    return code(str(tuple(shape[1:])))


def _where_after(expected: list[Step], i: int | None) -> str:
    return "at the start of your model" if not i else f"after {expected[i - 1].name}"


Ops = list[tuple[str, "int | None", "int | None"]]


def _total(ops: Ops, expected: list[Step], actual: list[Step]) -> float:
    return sum(1.0 if e is None or a is None else _cost(expected[e], actual[a]) for _, e, a in ops)


def _difference(expected: list[Step], actual: list[Step], blueprint: Blueprint) -> Incorrect | None:
    ops = _align(expected, actual)
    first = next((k for k, (op, _, _) in enumerate(ops) if op != "same"), None)
    if first is None:
        return None
    # Where in the expected model the first difference is: the expected steps matched before it.
    first_expected = sum(1 for _, e, _ in ops[:first] if e is not None)
    moved = _moved_block(expected, actual, blueprint)
    if moved is not None:
        return moved
    best = _total(ops, expected, actual)
    # A whole block missing (or moved) is named as such when it explains the model as cheaply as any other
    # reading and no difference comes before it.
    for block in blueprint.blocks:
        members = [n for n, step in enumerate(expected) if step.block == block.name]
        if not members or members[0] > first_expected:
            break
        rest = [step for n, step in enumerate(expected) if n not in members]
        without = _align(rest, actual)
        if _total(without, rest, actual) + len(members) <= best + 1e-9:
            return _missing_block(block, [expected[n] for n in members], expected, rest, actual, without)
    op, i, j = ops[first]
    if op == "missing":
        assert i is not None
        return _missing_step(expected, i)
    if op == "extra":
        assert j is not None
        where = "at the start of your model" if first_expected == 0 else f"after {expected[first_expected - 1].name}"
        return Incorrect(
            f"Your model has a layer more than it should, {where}: layer {actual[j].positions[0]}, "
            f"{actual[j].phrase()}. Take it out, or check that the layers around it are the ones the question "
            "asks for.",
            mistake="extra-layer",
        )
    assert i is not None and j is not None
    return _changed(expected[i], actual[j])


def _runs(steps: list[Step], within: list[Step]) -> list[int]:
    """Where `steps` stand, all agreeing and in a row, in `within`."""
    n = len(steps)
    return [r for r in range(len(within) - n + 1)
            if all(_cost(e, a) == 0 for e, a in zip(steps, within[r:r + n]))]


def _moved_block(expected: list[Step], actual: list[Step], blueprint: Blueprint) -> Incorrect | None:
    """A block that is all there and right, but somewhere else, when moving it back is all the model needs."""
    names = [b.name for b in blueprint.blocks]
    for number, block in enumerate(blueprint.blocks):
        members = [n for n, step in enumerate(expected) if step.block == block.name]
        if not members:
            continue
        steps = expected[members[0]:members[-1] + 1]
        rest = expected[:members[0]] + expected[members[-1] + 1:]
        for r in _runs(steps, actual):
            if r == members[0]:
                continue
            others = actual[:r] + actual[r + len(steps):]
            if len(others) != len(rest) or any(_cost(e, a) for e, a in zip(rest, others)):
                continue
            before_it = rest[:r]  # what the learner's layers before the block are, in the expected model
            where = f"after {before_it[-1].block}" if before_it else "at the start"
            should = "first, right after the input" if number == 0 else f"right after {names[number - 1]}"
            if number + 1 < len(names) and before_it and before_it[-1].block == names[number + 1]:
                return Incorrect(f"{_cap(block.name)} and {names[number + 1]} are the wrong way round: {block.name} "
                                 f"should come {should}, and {names[number + 1]} after it.", mistake="misplaced-block")
            return Incorrect(f"{_cap(block.name)} is in the wrong place: your model has it {where}, but it should "
                             f"come {should}.", mistake="misplaced-block")
    return None


def _missing_block(block: Block, steps: list[Step], expected: list[Step], rest: list[Step], actual: list[Step],
                   ops: Ops) -> Incorrect:
    """The learner's model lacks `block` (its `steps`), or has it somewhere else: `ops` aligns the expected
    model without the block (`rest`) with the learner's."""
    first, last = expected.index(steps[0]), expected.index(steps[-1])
    before = expected[first - 1].block if first > 0 else "its input"
    after = expected[last + 1].block if last + 1 < len(expected) else "its output"
    for k in range(len(ops)):
        run = ops[k:k + len(steps)]
        if len(run) == len(steps) and all(op == "extra" and a is not None and _cost(step, actual[a]) == 0
                                          for (op, _, a), step in zip(run, steps)):
            matched = [e for _, e, _ in ops[:k] if e is not None]
            where = "at the start" if not matched else f"after {rest[matched[-1]].name}"
            right = "right after the input" if first == 0 else f"right after {before}"
            return Incorrect(f"{_cap(block.name)} is in the wrong place: your model has it {where}, but it "
                             f"should come {right}.", mistake="misplaced-block")
    return Incorrect(f"Your model has no {_bare(block.name)}: it goes straight from {before} to {after}. "
                     f"{block.advice}", mistake="missing-block")


def _missing_step(expected: list[Step], i: int) -> Incorrect:
    step = expected[i]
    mistake = "missing-pooling" if step.family == "pool" else "missing-layer"
    what = step.name.split("'s ", 1)[1]
    return Incorrect(
        f"{_cap(step.block)} has no {what}: your model has nothing {_where_after(expected, i)}, where "
        f"{_expected_phrase(step)} should be. Add it there.",
        mistake=mistake,
    )


def _expected_phrase(step: Step) -> str:
    shown = Step(step.kind, {k: _plain(v) for k, v in step.settings.items()}, (WRITTEN.get(step.kind,
                 step.written()).split(".")[-1],), ())
    return shown.phrase()


def _changed(expected: Step, actual: Step) -> Incorrect:
    where = _cap(expected.name)
    if expected.kind != actual.kind:
        if {expected.kind, actual.kind} == {"max-pool", "avg-pool"}:
            mistake = "average-pooling" if actual.kind == "avg-pool" else "maximum-pooling"
        elif expected.kind == "flatten" and actual.family == "flatten":
            mistake = "global-pooling"
        else:
            mistake = "wrong-layer"
        return Incorrect(
            f"{where} is {_a(actual.noun)} ({code(actual.type_names[0])}); it should be {_a(expected.noun)} "
            f"({code(WRITTEN.get(expected.kind, expected.type_names[0]))}).",
            mistake=mistake,
        )
    key = _first_setting_difference(expected, actual)
    assert key is not None
    want, got = _plain(expected.settings.get(key)), actual.settings.get(key)
    shapes = ""
    if expected.output_shape != actual.output_shape and actual.output_shape is not None:
        shapes = (f" So it outputs {_shape_words(actual.output_shape)} where the model for this question has "
                  f"{_shape_words(expected.output_shape)}.")
    return Incorrect(_setting_words(where, key, want, got) + shapes, mistake=_SETTING_MISTAKES.get(key, "wrong-setting"))


def _a(noun: str) -> str:
    return ("an " if noun[:1].lower() in "aeiou" else "a ") + noun


_SETTING_MISTAKES = {
    "filters": "wrong-filters", "kernel_size": "wrong-kernel-size", "strides": "wrong-strides",
    "padding": "wrong-padding", "activation": "wrong-activation", "units": "wrong-units", "rate": "wrong-rate",
    "pool_size": "wrong-pool-size", "use_bias": "no-bias", "contrast": "wrong-contrast", "mode": "wrong-flip",
    "rotation": "wrong-rotation",
}


def _setting_words(where: str, key: str, want: Any, got: Any) -> str:
    if key == "filters":
        return f"{where} has {got} filters; it should have {want}."
    if key == "units":
        return f"{where} has {got} units; it should have {want}."
    if key == "kernel_size":
        return f"{where} has {_size(got)} kernels; it should have {_size(want)} kernels: `kernel_size={want[0]}`."
    if key == "pool_size":
        return f"{where} pools {_size(got)} windows; it should pool {_size(want)} windows."
    if key == "strides":
        return f"{where} moves with strides of {_size(got)}; it should use strides of {_size(want)}."
    if key == "padding":
        return (f"{where} uses '{got}' padding; it should use '{want}' padding: `padding='{want}'`, as the "
                "other convolutions do.")
    if key == "activation":
        if got == "linear":
            return (f"{where} has no activation: it passes on negative values. It should apply "
                    f"{activation_words(want)}: `activation='{want}'`.")
        return f"{where} applies {activation_words(got)}; it should apply {activation_words(want)}: `activation='{want}'`."
    if key == "rate":
        return f"{where} has rate {got:g}; it should have rate {want:g} (`rate={want:g}`)."
    if key == "use_bias":
        return f"{where} has no bias (`use_bias=False`); it should have one, as Keras gives by default."
    if key == "contrast":
        got_words = f"by {_contrast_words(got)}" if got else "in no way we can read"
        return (f"{where} changes the contrast {got_words}; it should change it by up to "
                f"{round((want[1] - 1) * 100):g}%: `factor={want[1] - 1:g}`.")
    if key == "rotation":
        got_words = f"by {_rotation_words(got)}" if got else "in no way we can read"
        return (f"{where} turns pictures {got_words}; it should turn them by up to {want[1]:g} of a full turn "
                f"either way: `factor={want[1]:g}`.")
    if key == "mode":
        return f"{where} flips with mode '{got}'; it should flip with mode '{want}': `mode='{want}'`."
    return f"{where} has `{key}={got!r}`; it should have `{key}={want!r}`."


# ---------------------------------------------------------------- judging


@_keeps_random_state
def same_model(model: Any, blueprint: Blueprint) -> bool:
    """True when `model` is, step for step, the blueprint's model (settings compared; nothing is run)."""
    try:
        actual = describe(model, blueprint.input_shape)
    except Incorrect:
        return False
    expected = _expected(blueprint)
    return (len(actual.steps) == len(expected.steps)
            and all(op == "same" for op, _, _ in _align(_canonical(expected.steps), _canonical(actual.steps))))


_EXPECTED: dict[int, tuple[Blueprint, Description]] = {}


def _expected(blueprint: Blueprint) -> Description:
    cached = _EXPECTED.get(id(blueprint))
    if cached is None or cached[0] is not blueprint:
        cached = (blueprint, describe_blueprint(blueprint))
        _EXPECTED[id(blueprint)] = cached
    return cached[1]


@_keeps_random_state
def judge_model(model: Any, blueprint: Blueprint, *, name: str = "model") -> Description:
    """Return the description of `model` if it is the blueprint's model; otherwise raise `Incorrect` naming
    the first difference: its input, its layers (kind and settings, in order), the output shape after each
    step, the parameters, then what it computes on random pictures with the same random weights."""
    actual = describe(model, blueprint.input_shape, name=name)
    expected = _expected(blueprint)
    want = (None, *blueprint.input_shape)
    if actual.declared_input is not None and tuple(actual.declared_input) != want:
        raise Incorrect(
            f"Your model takes inputs of shape {_shape_words(actual.declared_input)}, but the pictures it is for "
            f"have shape {_shape_words(want)}: its input should be `keras.Input(shape={list(blueprint.input_shape)})`.",
            mistake="wrong-input-shape",
        )
    difference = _difference(_canonical(expected.steps), _canonical(actual.steps), blueprint)
    if difference is not None:
        raise difference
    for e, a in zip(_canonical(expected.steps), _canonical(actual.steps)):
        if e.output_shape != a.output_shape:
            raise Incorrect(f"{_cap(e.name)} outputs {_shape_words(a.output_shape)}; it should output "
                            f"{_shape_words(e.output_shape)}.", mistake="wrong-shape")
        if e.params != a.params:
            raise Incorrect(f"{_cap(e.name)} has {_count(a.params)} parameters; it should have "
                            f"{_count(e.params)}.", mistake="wrong-parameters")
    _compare_behaviour(expected, actual, blueprint)
    return actual


def _count(n: int | None) -> str:
    return "an unknown number of" if n is None else f"{n:,}"


def _random_weights(copies: list[Any], rng: np.random.Generator) -> list[list[np.ndarray]]:
    keras = _keras()
    drawn: list[list[np.ndarray]] = []
    for layer in copies:
        weights = []
        for w in layer.get_weights():
            if isinstance(layer, keras.layers.BatchNormalization):
                weights.append(rng.uniform(0.5, 1.5, size=w.shape).astype(w.dtype))
            else:
                fan_in = max(1, int(np.prod(w.shape[:-1]))) if w.ndim > 1 else 10
                weights.append(rng.normal(0.0, 1.0 / math.sqrt(fan_in), size=w.shape).astype(w.dtype))
        drawn.append(weights)
    return drawn


def _weighted(step: Step) -> list[Any]:
    return [c for c in step.copies if c.get_weights()]


def _compare_behaviour(expected: Description, actual: Description, blueprint: Blueprint) -> None:
    """Give copies of the learner's layers and of the expected ones the same random weights and run both,
    step by step, on random pictures in inference mode: every step's output must agree."""
    rng = np.random.default_rng(20240521)
    x_expected = rng.uniform(0.0, 1.0, size=(2, *blueprint.input_shape)).astype(np.float32)
    x_actual = x_expected
    for e, a in zip(expected.steps, actual.steps):  # in the model's own order (augmentation is identity here)
        e_layers, a_layers = _weighted(e), _weighted(a)
        if len(e_layers) != len(a_layers) or any(
                [w.shape for w in el.get_weights()] != [w.shape for w in al.get_weights()]
                for el, al in zip(e_layers, a_layers)):
            raise Incorrect(f"{_cap(e.name)} has weights of other shapes than it should, though its settings "
                            "look right. Compare it with the question's description.", mistake="computes-differently")
        for el, al, weights in zip(e_layers, a_layers, _random_weights(e_layers, rng)):
            el.set_weights(weights)
            al.set_weights(weights)
        try:
            for layer in e.copies:
                x_expected = np.asarray(layer(x_expected, training=False))
            for layer in a.copies:
                x_actual = np.asarray(layer(x_actual, training=False))
            if a.family == "augment" and (x_actual.shape != x_expected.shape
                                          or not np.allclose(x_actual, x_expected, atol=1e-5)):
                raise Incorrect(f"{_augmentation_where(a)} changes pictures in inference too. Augmentation should "
                                "only change them while the model trains.", mistake="augments-in-inference")
        except Incorrect:
            raise
        except Exception as exc:
            raise Incorrect(f"{_cap(e.name)} ({code(a.written())}) raised {code(type(exc).__name__)} when it was "
                            "run on a picture.", mistake="computes-differently") from None
        scale = max(1.0, float(np.abs(x_expected).max(initial=0.0)))
        if x_actual.shape != x_expected.shape or not np.allclose(x_actual, x_expected, rtol=1e-4, atol=1e-5 * scale):
            raise Incorrect(f"{_cap(e.name)} ({code(a.written())}) computes something other than it should, "
                            "though its settings look the same. Compare it, and the layers before it, with the "
                            "question's description.", mistake="computes-differently")
        x_actual = x_expected  # the next step starts from the same values on both sides


# ---------------------------------------------------------------- augmentation, by behaviour


def _pictures(rng: np.random.Generator, shape: tuple[int, ...], count: int) -> np.ndarray:
    """Pictures no augmentation leaves alike: a bright bar off the middle, on a ramp, with noise."""
    h, w, c = shape
    yy, xx = np.mgrid[0:h, 0:w] / max(h, w)
    base = 0.2 + 0.3 * xx + 0.1 * yy
    bar = ((np.abs(yy - 0.45) < 0.06) & (xx > 0.2) & (xx < 0.8)).astype(float) * 0.5
    picture = np.clip(base + bar, 0, 1)[..., None].repeat(c, axis=-1)
    noise = rng.normal(0, 0.02, size=(count, h, w, c))
    return np.clip(picture[None] + noise, 0, 1).astype(np.float32)


@_keeps_random_state
def judge_augmentation(description: Description, blueprint: Blueprint, *, samples: int = 24) -> None:
    """Run a copy of each augmentation step on pictures: in inference it must give them back unchanged; in
    training it must change them, within its range (contrast factors, flips, turns). Raises `Incorrect`."""
    rng = np.random.default_rng(7)
    pictures = _pictures(rng, blueprint.input_shape, samples)
    for step in description.steps:
        if step.family != "augment" or not step.copies:
            continue
        layer = step.copies[0]
        where = _augmentation_where(step)
        try:
            inference = np.asarray(layer(pictures, training=False))
            training = np.asarray(layer(pictures, training=True))
        except Exception as exc:
            raise Incorrect(f"{where} raised {code(type(exc).__name__)} when it was given pictures.",
                            mistake="augmentation-raised") from None
        if inference.shape != pictures.shape or not np.allclose(inference, pictures, atol=1e-5):
            raise Incorrect(f"{where} changes pictures in inference too. Augmentation should only change them "
                            "while the model trains.", mistake="augments-in-inference")
        if training.shape == pictures.shape and np.allclose(training, pictures, atol=1e-5):
            raise Incorrect(f"{where} leaves pictures unchanged in training, so it augments nothing. Check its "
                            "factor.", mistake="augments-nothing")
        problem = _out_of_range(step, pictures, training)
        if problem:
            raise Incorrect(f"{where} {problem}", mistake="augments-out-of-range")


def _augmentation_where(step: Step) -> str:
    return f"Your {step.noun} ({code(step.type_names[0])}, layer {step.positions[0]} of your model)"


def _out_of_range(step: Step, before: np.ndarray, after: np.ndarray) -> str | None:
    if step.kind == "contrast" and step.settings.get("contrast"):
        low, high = step.settings["contrast"]
        centred_before = before - before.mean(axis=(1, 2), keepdims=True)
        centred_after = after - after.mean(axis=(1, 2), keepdims=True)
        factors = (np.abs(centred_after).sum(axis=(1, 2, 3)) / np.abs(centred_before).sum(axis=(1, 2, 3)))
        if factors.min() < low - 0.02 or factors.max() > high + 0.02:
            return (f"changed the contrast by factors from {factors.min():.2f} to {factors.max():.2f}, outside "
                    f"the {low:g} to {high:g} it is set to.")
    if step.kind == "flip" and step.settings.get("mode") == "horizontal":
        for b, a in zip(before, after):
            if not (np.allclose(a, b, atol=1e-5) or np.allclose(a, b[:, ::-1], atol=1e-5)):
                return "changed a picture in some other way than flipping it left to right."
    return None
