#!/usr/bin/env python3
"""Where a wasm file's bytes go: by section, by library, by function.

Usage: scripts/wasm_size_profile.py FILE.wasm [--top N]

FILE.wasm must carry a name section (link with --profiling-funcs, as
`./quorum sizes --profile` does). Each function's size is its body in the
code section; its gzip share is estimated by compressing the bodies of each
group together, which is what the browser fetches.
"""

import argparse
import collections
import gzip
import re
import sys

SECTION_NAMES = {0: "custom", 1: "type", 2: "import", 3: "function", 4: "table", 5: "memory",
                 6: "global", 7: "export", 8: "start", 9: "element", 10: "code", 11: "data",
                 12: "datacount", 13: "tag"}


def leb(data, pos):
    result = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return result, pos


def sections(data):
    if data[:4] != b"\0asm":
        sys.exit("not a wasm file")
    pos = 8
    while pos < len(data):
        kind = data[pos]
        size, start = leb(data, pos + 1)
        yield kind, data[start:start + size], start
        pos = start + size


def imported_functions(body):
    count, pos = leb(body, 0)
    functions = 0
    for _ in range(count):
        for _ in range(2):  # module and field names
            length, pos = leb(body, pos)
            pos += length
        kind = body[pos]
        pos += 1
        if kind == 0:  # function: type index
            _, pos = leb(body, pos)
            functions += 1
        elif kind == 1:  # table: reftype, limits
            pos += 1
            flags, pos = leb(body, pos)
            _, pos = leb(body, pos)
            if flags & 1:
                _, pos = leb(body, pos)
        elif kind == 2:  # memory: limits
            flags, pos = leb(body, pos)
            _, pos = leb(body, pos)
            if flags & 1:
                _, pos = leb(body, pos)
        elif kind == 3:  # global: type, mutability
            pos += 2
        elif kind == 4:  # tag: attribute, type index
            pos += 1
            _, pos = leb(body, pos)
    return functions


def function_names(body):
    names = {}
    pos = 0
    length, pos = leb(body, pos)
    if body[pos:pos + length] != b"name":
        return None
    pos += length
    while pos < len(body):
        sub = body[pos]
        size, pos = leb(body, pos + 1)
        end = pos + size
        if sub == 1:
            count, p = leb(body, pos)
            for _ in range(count):
                index, p = leb(body, p)
                n, p = leb(body, p)
                names[index] = body[p:p + n].decode("utf-8", "replace")
                p += n
        pos = end
    return names


def code_bodies(body):
    count, pos = leb(body, 0)
    for _ in range(count):
        size, pos = leb(body, pos)
        yield body[pos:pos + size]
        pos += size


# Libraries and layers, first match wins: the prefixes a demangled name starts with.
GROUPS = [
    ("ImGui", re.compile(r"^(ImGui|Im[A-Z]|ImStb|stb_|stbtt|stbrp|ImFont|ImDraw|ImGuiInputTextCallback)")),
    ("ImGui backends", re.compile(r"^(ImGui_Impl)")),
    ("SDL2", re.compile(r"^(SDL|_SDL|Emscripten_|Blit|OFFSCREEN_|VIRTUAL_|DUMMY_|egl|GLES|"
                        r"Map1to|calc_8bit|SW_|GL_|EMSCRIPTENAUDIO_|DISKAUDIO_)")),
    ("nlohmann::json", re.compile(r"nlohmann")),
    ("quorum::raft", re.compile(r"quorum::raft")),
    ("quorum::paxos", re.compile(r"quorum::paxos")),
    ("quorum::multipaxos", re.compile(r"quorum::multipaxos")),
    ("quorum::scenario", re.compile(r"quorum::scenario")),
    ("quorum::sim", re.compile(r"quorum::sim")),
    ("quorum::check", re.compile(r"quorum::check")),
    ("quorum::wire", re.compile(r"quorum::wire")),
    ("quorum::store", re.compile(r"quorum::store")),
    ("quorum::dashboard", re.compile(r"quorum::dashboard|dashboard::|^main\b|quorum::setup")),
    ("quorum (other)", re.compile(r"quorum")),
    ("iostreams/locale", re.compile(r"std::__2::(basic_(i|o)?stream|basic_ios|ios_base|locale|"
                                    r"num_(get|put)|ctype|codecvt|basic_streambuf|"
                                    r"basic_(string|file)buf|money|time_(get|put)|"
                                    r"collate|messages|__num_(get|put)|moneypunct|numpunct)")),
    ("std::string/format", re.compile(r"std::__2::(basic_string|to_string|__format|format)")),
    ("std (other)", re.compile(r"std::|__cxa|__cxxabiv1|operator new|operator delete")),
    ("libc", re.compile(r"^(str|mem|printf|vfprintf|fmt_|pop_arg|__|sn?printf|fwrite|fputs|"
                        r"qsort|strto|atoi|atof|wcs|mbr|wc|dlmalloc|dlfree|sbrk|emscripten_)")),
]


def group_of(name):
    for label, pattern in GROUPS:
        if pattern.search(name):
            return label
    return "other"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("wasm")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    data = open(args.wasm, "rb").read()

    imports = 0
    names = None
    bodies = []
    by_section = collections.Counter()
    for kind, body, _ in sections(data):
        label = SECTION_NAMES.get(kind, str(kind))
        if kind == 0:
            n, p = leb(body, 0)
            label = "custom:" + body[p:p + n].decode("utf-8", "replace")
            found = function_names(body)
            if found is not None:
                names = found
        by_section[label] += len(body)
        if kind == 2:
            imports = imported_functions(body)
        if kind == 10:
            bodies = list(code_bodies(body))
    if names is None:
        sys.exit("no name section: link with --profiling-funcs")

    total = len(data)
    print(f"{args.wasm}: {total} bytes, {len(gzip.compress(data, 9))} gzip")
    print("\nby section (bytes):")
    for label, size in by_section.most_common():
        print(f"  {label:<28} {size:>9}")

    grouped = collections.defaultdict(list)
    functions = []
    for i, body in enumerate(bodies):
        name = names.get(imports + i, f"function {imports + i}")
        grouped[group_of(name)].append(body)
        functions.append((len(body), name))
    code_total = sum(len(b) for b in bodies)
    print(f"\nby library or layer (code section: {code_total} bytes; gzip of the group alone):")
    for label, members in sorted(grouped.items(), key=lambda kv: -sum(len(b) for b in kv[1])):
        raw = sum(len(b) for b in members)
        gz = len(gzip.compress(b"".join(members), 9))
        print(f"  {label:<22} {len(members):>6} functions {raw:>9} bytes {100 * raw / code_total:5.1f}%  gzip {gz:>8}")

    print(f"\nthe {args.top} largest functions (bytes):")
    for size, name in sorted(functions, reverse=True)[:args.top]:
        print(f"  {size:>8}  {name[:150]}")


if __name__ == "__main__":
    main()
