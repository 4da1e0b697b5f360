#!/usr/bin/env python3
"""scan.py - image-only twins of PDFs, as a scanner returns a printed report (#14).

    python3 tools/scan.py --out DIR [--dpi 300] [--damage [--seed N]] FILE.pdf...

Each page is rendered (pdftoppm, grey or colour) and the pages are wrapped back into
DIR/FILE.pdf as JPEG images with no text layer at all. --damage makes a worse scan
(ImageMagick): turned by ±1.5° (alternating per page), speckle noise (seeded, --seed: the same
scan each run), JPEG quality 40,
and a red seal (a ring with a star) stamped over the page's lower half, where figures
are. Needs poppler-utils (pdftoppm) and, for --damage, imagemagick. Writes to a
temporary file and renames it into place.
"""
import argparse, os, subprocess, sys, tempfile


def pdf_of_jpegs(pages, out):
    """A PDF with one full-page JPEG (DCTDecode) per page: (bytes, width px, height px, dpi, colour)."""
    objs = []
    kids = []

    def add(b):
        objs.append(b)
        return len(objs)

    cat = add(None)
    pages_id = add(None)
    for data, w, h, dpi, colour in pages:
        pw, ph = w * 72.0 / dpi, h * 72.0 / dpi
        img = add(b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /%s /BitsPerComponent 8 "
                  b"/Filter /DCTDecode /Length %d >>\nstream\n" % (w, h, b"DeviceRGB" if colour else b"DeviceGray", len(data))
                  + data + b"\nendstream")
        content = b"q %.2f 0 0 %.2f 0 0 cm /Im Do Q" % (pw, ph)
        cid = add(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /XObject << /Im %d 0 R >> >> "
                        b"/Contents %d 0 R >>" % (pages_id, pw, ph, img, cid)))
    objs[cat - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id
    objs[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    buf = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offs = []
    for i, o in enumerate(objs, 1):
        offs.append(len(buf))
        buf += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(buf)
    buf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offs:
        buf += b"%010d 00000 n \n" % o
    buf += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, cat, xref)
    tmp = out + ".tmp"
    open(tmp, "wb").write(bytes(buf))
    os.replace(tmp, out)


def jpeg_size(data):
    i = 2
    while i < len(data):
        if data[i] != 0xFF:
            i += 1
            continue
        m = data[i + 1]
        if m in (0xC0, 0xC1, 0xC2):
            h = int.from_bytes(data[i + 5:i + 7], "big")
            w = int.from_bytes(data[i + 7:i + 9], "big")
            return w, h, data[i + 9]
        i += 2 + int.from_bytes(data[i + 2:i + 4], "big")
    raise ValueError("no JPEG frame")


def scan(pdf, out, dpi, damage, seed=7):
    with tempfile.TemporaryDirectory() as work:
        colour = damage  # a seal is red: a colour scan
        subprocess.run(["pdftoppm", "-r", str(dpi)] + ([] if colour else ["-gray"]) +
                       ["-jpeg", "-jpegopt", "quality=85", pdf, os.path.join(work, "p")], check=True)
        files = sorted(f for f in os.listdir(work) if f.startswith("p"))
        pages = []
        for k, f in enumerate(files):
            path = os.path.join(work, f)
            if damage:
                angle = 1.5 if k % 2 == 0 else -1.5
                w, h, _ = jpeg_size(open(path, "rb").read())
                r = int(w * 0.09)
                cx, cy = int(w * 0.62), int(h * 0.58)
                star = " ".join("%d,%d" % (cx + int(r * 0.45 * __import__("math").cos(a * 0.8 * 3.14159 - 1.5708)),
                                           cy + int(r * 0.45 * __import__("math").sin(a * 0.8 * 3.14159 - 1.5708)))
                                for a in range(5))
                subprocess.run(["convert", path,
                                "-fill", "none", "-stroke", "rgb(220,30,30)", "-strokewidth", str(max(3, r // 12)),
                                "-draw", "circle %d,%d %d,%d" % (cx, cy, cx + r, cy),
                                "-fill", "rgb(220,30,30)", "-stroke", "none", "-draw", "polygon " + star,
                                "-background", "white", "-rotate", str(angle),
                                "-seed", str(seed + k), "-attenuate", "0.4", "+noise", "Impulse",
                                "-quality", "40", path], check=True)
            data = open(path, "rb").read()
            w, h, ncomp = jpeg_size(data)
            pages.append((data, w, h, dpi, ncomp == 3))
        pdf_of_jpegs(pages, out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--dpi", type=int, default=300)
    ap.add_argument("--damage", action="store_true")
    ap.add_argument("--seed", type=int, default=7, help="the speckle's seed (--damage): another scan of the same pages")
    ap.add_argument("files", nargs="+")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    for f in a.files:
        scan(f, os.path.join(a.out, os.path.basename(f)), a.dpi, a.damage, a.seed)


if __name__ == "__main__":
    sys.exit(main())
