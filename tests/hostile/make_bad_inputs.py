"""Write recount's corpus of bad inputs into a folder.

Every case is built here from scratch (nothing downloaded, nothing committed but this script),
deterministically, and small on disk even when it stands for gigabytes: the decompression bomb
repeats one byte-aligned deflate block, the 300 MB text file is sparse.

    python tests/hostile/make_bad_inputs.py OUT_DIR      # writes the corpus, lists it

Used by ``tests/hostile/test_bad_inputs.py`` through :func:`write_bad_inputs`.
"""
from __future__ import annotations

import os
import random
import struct
import sys
import zlib
from pathlib import Path

from fpdf import FPDF

#: The sentence every readable PDF here carries, so a test can tell a correct read.
PDF_SENTENCE = "In 2023 the enforcement offices completed 443,051 cases."
#: Uncompressed size of the bomb's content stream.
BOMB_BYTES = 2 * 1024**3
#: Page counts: one under recount's page limit (read in full), one over it (refused).
MANY_PAGES = 2_000
TOO_MANY_PAGES = 6_000
#: The single line of digits.
DIGIT_LINE_BYTES = 50 * 1024**2
#: The image bomb: a 32 000 px square gray image, 1.02 gigapixels, its stream 1 MB on disk.
#: Rendered for OCR without a limit it took pdfium 15 s and 1.3 GB; at 100 000 px pdfium
#: gives up by itself, so the bomb is sized to be decoded.
IMAGE_BOMB_SIDE = 32_000
IMAGE_BOMB_BYTES = IMAGE_BOMB_SIDE**2
#: Nesting depth of the deep folder tree.
NESTING_DEPTH = 300

GOOD_TEXT = (
    "Năm 2023, các cơ quan thi hành án dân sự đã thi hành xong 443.051 việc trên tổng số "
    "579.188 việc có điều kiện thi hành, đạt tỷ lệ 76,49%.\n"
)


def minimal_pdf(objects: list[bytes]) -> bytes:
    """A PDF file from its objects (object 1 is the catalog), with a correct xref table."""
    pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref_at = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref_at)
    return pdf


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def _text_content(sentence: str) -> bytes:
    return b"BT /F1 12 Tf 50 750 Td (" + sentence.encode("latin-1") + b") Tj ET"


_HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def text_pdf(sentence: str = PDF_SENTENCE) -> bytes:
    """A one-page PDF holding ``sentence`` in Helvetica."""
    return minimal_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        _HELVETICA,
        _stream(_text_content(sentence)),
    ])


def many_pages_pdf(n_pages: int, sentence: str = PDF_SENTENCE) -> bytes:
    """``n_pages`` pages sharing one content stream and one font: thousands of pages in a
    few hundred kilobytes."""
    first_page = 5
    kids = b" ".join(b"%d 0 R" % (first_page + i) for i in range(n_pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n_pages,
        _HELVETICA,
        _stream(_text_content(sentence)),
    ]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                b"/Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"] * n_pages
    return minimal_pdf(objects)


def deflate_bomb(total_bytes: int, block: int = 1 << 24) -> bytes:
    """A zlib stream inflating to ``total_bytes`` spaces, built without holding them.

    A full flush byte-aligns the deflate output and resets its dictionary, so the compressed
    form of one block of spaces is the same every time and can be repeated; the stream ends
    with an empty final block and the Adler-32 of the whole inflated data.
    """
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = b" " * block
    segment = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    repeats, rest = divmod(total_bytes, block)
    checksum = 1
    for _ in range(repeats):
        checksum = zlib.adler32(chunk, checksum)
    tail = b""
    if rest:
        tail_compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        tail = tail_compressor.compress(chunk[:rest]) + tail_compressor.flush(zlib.Z_FULL_FLUSH)
        checksum = zlib.adler32(chunk[:rest], checksum)
    final_empty_block = b"\x03\x00"
    return b"\x78\xda" + segment * repeats + tail + final_empty_block + struct.pack(">I", checksum)


def bomb_pdf(total_bytes: int = BOMB_BYTES) -> bytes:
    """A one-page PDF whose second content stream inflates to ``total_bytes`` of spaces
    (which a PDF reader must parse as content); the first draws :data:`PDF_SENTENCE`."""
    return minimal_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents [5 0 R 6 0 R] >>",
        _HELVETICA,
        _stream(_text_content(PDF_SENTENCE)),
        _stream(deflate_bomb(total_bytes), b" /Filter /FlateDecode"),
    ])


def image_bomb_pdf(side: int = IMAGE_BOMB_SIDE, total_bytes: int = IMAGE_BOMB_BYTES) -> bytes:
    """A one-page PDF with no text whose only content is a ``side`` x ``side`` 8-bit gray
    image whose Flate stream is a :func:`deflate_bomb` of ``total_bytes`` (1 MB on disk per GiB).

    Reading text never decodes the image; OCR would, by rendering the page: the case for
    ``pipeline/ocr.py``'s limit on declared image pixels.
    """
    image = _stream(deflate_bomb(total_bytes),
                    b" /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray"
                    b" /BitsPerComponent 8 /Filter /FlateDecode" % (side, side))
    return minimal_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>",
        image,
        _stream(b"q 595 0 0 842 0 0 cm /Im1 Do Q"),
    ])


def encrypted_pdf(user_password: str) -> bytes:
    """A PDF encrypted with an owner password and ``user_password`` ("" opens freely)."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(text=PDF_SENTENCE)
    pdf.set_encryption(owner_password="owner-secret", user_password=user_password)
    return bytes(pdf.output())


def write_bad_inputs(folder: str | os.PathLike) -> dict[str, Path]:
    """Write every bad input into ``folder``; return them by case name."""
    root = Path(folder)
    root.mkdir(parents=True, exist_ok=True)
    rng = random.Random(7)
    cases: dict[str, Path] = {}

    def write(name: str, data: bytes) -> Path:
        path = root / name
        path.write_bytes(data)
        cases[name] = path
        return path

    write("zero_bytes.pdf", b"")
    write("zero_bytes.txt", b"")
    whole = text_pdf()
    write("truncated.pdf", whole[: len(whole) // 3])
    write("not_a_pdf.pdf", b"\x89PNG\r\n\x1a\n" + rng.randbytes(4096))
    write("text_named_pdf.pdf", GOOD_TEXT.encode("utf-8"))
    write("encrypted_user_password.pdf", encrypted_pdf("user-secret"))
    write("encrypted_owner_only.pdf", encrypted_pdf(""))
    write("bomb.pdf", bomb_pdf())
    write("image_bomb.pdf", image_bomb_pdf())
    write("many_pages.pdf", many_pages_pdf(MANY_PAGES))
    write("too_many_pages.pdf", many_pages_pdf(TOO_MANY_PAGES))
    write("digits_50mb.txt", b"7" * DIGIT_LINE_BYTES)
    # Valid UTF-8 Vietnamese with stray bytes glued to two words (a cut multi-byte sequence
    # after "cơ", a lone 0xFF after "xong"), away from the figures.
    text = GOOD_TEXT.encode("utf-8")
    text = text.replace(" quan ".encode(), b"\xe1\xbb quan ", 1)
    write("invalid_utf8.txt", text.replace(b"xong ", b"xong\xff ", 1))
    write("binary.txt", rng.randbytes(64 * 1024))
    write("elf_named_txt.txt", b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 64)
    sparse = root / "sparse_300mb.txt"
    with open(sparse, "wb") as handle:
        handle.truncate(300 * 1024**2)  # sparse: 300 MB by size, nothing on disk
    cases["sparse_300mb.txt"] = sparse
    write("unsupported.docx", b"PK\x03\x04" + rng.randbytes(512))

    deep = root / "deep"
    leaf = deep.joinpath(*["d"] * NESTING_DEPTH)
    leaf.mkdir(parents=True, exist_ok=True)
    (leaf / "deep_report.txt").write_text(GOOD_TEXT, encoding="utf-8")
    cases["deep_report.txt"] = leaf / "deep_report.txt"
    cases["deep"] = deep

    loop = root / "loop"
    (loop / "a").mkdir(parents=True, exist_ok=True)
    (loop / "a" / "loop_report.txt").write_text(GOOD_TEXT, encoding="utf-8")
    if not (loop / "a" / "back_to_top").is_symlink():
        (loop / "a" / "back_to_top").symlink_to("..", target_is_directory=True)
        (loop / "self").symlink_to(".", target_is_directory=True)
        (loop / "dangling.txt").symlink_to("nowhere.txt")
    cases["loop"] = loop
    cases["dangling.txt"] = loop / "dangling.txt"
    return cases


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    for name, path in sorted(write_bad_inputs(argv[0]).items()):
        size = path.lstat().st_size
        print(f"{name:28} {size:>12,} bytes  {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
