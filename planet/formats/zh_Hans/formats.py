# Django groups Chinese numbers by four without a separator, which shows nothing:
# 12,345 as written in mainland China (CLDR).
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
