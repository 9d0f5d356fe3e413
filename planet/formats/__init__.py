"""Formats where Django's own fall short (FORMAT_MODULE_PATH): numbers left ungrouped in
Arabic and Chinese, Arabic dates with times written in the English order.

Only the settings named here replace Django's; every other one stays as Django ships it.
"""
