"""The vision room: what several computer-vision lessons share, never importing a lesson: drawing with numpy
(`drawing`, `scenes`, `vehicles`), the drawn Car-or-Truck image set in Kaggle's folder layout (`car_or_truck`),
the objects the shipped base was pretrained on (`objects`), that base (`pretrained`, weights in `data/`), and
TensorFlow imported without its start-up log (`tensorflow_quietly`); see docs/data.md."""
