"""Files shipped with the vision room: the pretrained base's weights (`pretrained_base.keras`), made by
`tools/train_base.py`."""
