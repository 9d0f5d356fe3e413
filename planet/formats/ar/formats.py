# Django's Arabic formats name a thousands separator but group nothing: 12.345 learners.
NUMBER_GROUPING = 3
# ... and leave dates with times to the English default ("نوفمبر 15, 2026, 11 ص"): written
# here like the Arabic date alone (DATE_FORMAT) followed by its time (TIME_FORMAT).
DATETIME_FORMAT = "j F، Y، g:i A"
SHORT_DATETIME_FORMAT = "d\u200f/m\u200f/Y g:i A"
