"""articles/text/html_paragraphs.py: the one reading of a story body as paragraphs."""

from __future__ import annotations

from articles.text.html_paragraphs import body_paragraphs

BODY = (
    "<h2>Banjir di Kenanga</h2>"
    "<p>Warga &amp; relawan<br>bekerja sejak pagi.</p>"
    "<h3>Pompa</h3>"
    "<ul><li><p>Pompa pertama</p></li><li> Pompa  kedua </li></ul>"
    "<blockquote><p>“Kami siap,” kata Lurah.</p>Ditambahkan</blockquote>"
    "<figure><img src='/media/a.webp' alt=''><figcaption>Pompa di Kali Kenanga.</figcaption></figure>"
    "<hr>"
    "<h4>Catatan</h4><p>Selesai.</p>"
)


def test_every_block_an_editor_writes_is_a_paragraph():
    assert body_paragraphs(BODY) == [
        "Banjir di Kenanga",
        "Warga & relawan bekerja sejak pagi.",
        "Pompa",
        "Pompa pertama",
        "Pompa kedua",
        "“Kami siap,” kata Lurah.",
        "Ditambahkan",
        "Pompa di Kali Kenanga.",
        "Catatan",
        "Selesai.",
    ]


def test_text_outside_blocks_counts_and_hidden_text_does_not():
    assert body_paragraphs("Satu <b>dua</b><p>tiga</p>empat<script>x()</script>") == ["Satu dua", "tiga", "empat"]


def test_empty_bodies_have_no_paragraphs():
    assert body_paragraphs("") == body_paragraphs(None) == body_paragraphs("<p> </p><p></p>") == []
