# House style for English pages: "Thursday, 19 December 2024 10:05 WIB".
DATE_FORMAT = "l, j F Y"
DATETIME_FORMAT = "l, j F Y H:i T"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y H:i"
