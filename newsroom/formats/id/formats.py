# House style for Indonesian pages: "Kamis, 19 Desember 2024 10.05 WIB" (the time zone abbreviation comes from
# Asia/Jakarta, so it reads WIB).
DATE_FORMAT = "l, j F Y"
DATETIME_FORMAT = "l, j F Y H.i T"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y H.i"
