"""The vision room: helpers that several computer-vision lessons share, and that never import a lesson.

Drawing with numpy (`drawing`, `scenes`), the drawn Car-or-Truck image set in Kaggle's folder layout
(`car_or_truck`), the objects the shipped convolutional base was pretrained on (`objects`), that base
(`pretrained`, weights in `data/`), and TensorFlow imported without its start-up log (`tensorflow_quietly`).
"""
