using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Disclosure.Host.Notices;

/// <summary>
/// The fonts the printers (notices, the report) set Chinese in: Noto Serif/Sans CJK SC, with the CJK radicals left out of
/// their character maps. Why: Noto CJK (like most CJK fonts) maps each Kangxi radical and radical-supplement code point
/// (U+2E80–U+2FDF: ⼈ ⺠ ⽇ ⽉ ⼚) to the very glyph of its ideograph (人 民 日 月 厂); Chromium's PDF writer (Skia) names each
/// glyph in the PDF's text layer by the first code point that maps to it, in code point order — the radical. The PDF then
/// looks right and reads wrong: copying, searching and screen readers get ⼈⺠ for 人民. Taking the radicals out of the
/// character map leaves the ideograph as each glyph's only name. (A document that prints a radical itself falls back to
/// another font for it.)
/// <para>
/// On first use, the SC face of each Noto CJK collection (<c>Notices:FontDirectory</c>, default Debian's
/// <c>/usr/share/fonts/opentype/noto</c>) is written out as a font of its own with that character map into a cache folder
/// (<c>Notices:FontCache</c>, default a folder in the system's temp folder; about 70 MB), beside a fontconfig file that
/// adds the folder and hides the original collections. The printers start Chromium with <c>FONTCONFIG_FILE</c> set to it.
/// </para>
/// </summary>
public sealed class PrintFonts(IConfiguration config, ILogger<PrintFonts> log)
{
    public const int RadicalsFrom = 0x2E80, RadicalsTo = 0x2FDF;
    private static readonly string[] Families = ["Noto Serif CJK SC", "Noto Sans CJK SC"];
    private readonly object _gate = new();
    private string? _file;
    private bool _tried;

    /// <summary>The fontconfig file for the printer's browser, or null when no Noto CJK collection is installed.</summary>
    public string? FontconfigFile
    {
        get
        {
            lock (_gate)
            {
                if (_tried) return _file;
                try { _file = Prepare(); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
                {
                    log.LogWarning(e, "The print fonts could not be prepared: PDFs may carry CJK radicals in their text layer");
                }
                _tried = true;
                return _file;
            }
        }
    }

    /// <summary>The environment of a printer's browser: the host's, with the print fonts' fontconfig file.</summary>
    public Dictionary<string, string> Environment()
    {
        var env = System.Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "");
        if (FontconfigFile is { } file) env["FONTCONFIG_FILE"] = file;
        return env;
    }

    private string? Prepare()
    {
        var source = config["Notices:FontDirectory"] is { Length: > 0 } d ? d : "/usr/share/fonts/opentype/noto";
        var collections = Directory.Exists(source)
            ? Directory.GetFiles(source, "Noto*CJK*.ttc").Order(StringComparer.Ordinal).ToList() : [];
        if (collections.Count == 0)
        {
            log.LogWarning("No Noto CJK collection in {Folder}: PDFs are printed with the system's fonts", source);
            return null;
        }
        // the folder is named after the collections it was made from: an upgraded font package makes a new one
        var stamp = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n",
            collections.Select(f => $"{f}|{new FileInfo(f).Length}|{File.GetLastWriteTimeUtc(f):O}")))))[..16];
        var root = config["Notices:FontCache"] is { Length: > 0 } c ? c : Path.Combine(Path.GetTempPath(), "disclosure-print-fonts");
        var folder = Path.Combine(root, stamp);
        var file = Path.Combine(folder, "fonts.conf");
        if (File.Exists(file)) return file;

        var building = Path.Combine(root, $"{stamp}.{Guid.NewGuid():N}");
        Directory.CreateDirectory(building);
        var written = 0;
        foreach (var collection in collections)
        {
            var bytes = File.ReadAllBytes(collection);
            foreach (var face in OpenType.Faces(bytes))
            {
                if (OpenType.Family(bytes, face) is not { } family || !Families.Contains(family)) continue;
                var name = $"{Path.GetFileNameWithoutExtension(collection)}-{family.Replace(" ", "")}.otf";
                File.WriteAllBytes(Path.Combine(building, name), OpenType.WithoutCodePoints(bytes, face, RadicalsFrom, RadicalsTo));
                written++;
            }
        }
        if (written == 0)
        {
            Directory.Delete(building, recursive: true);
            log.LogWarning("No SC face in the Noto CJK collections of {Folder}: PDFs are printed with the system's fonts", source);
            return null;
        }
        File.WriteAllText(Path.Combine(building, "fonts.conf"), $"""
            <?xml version="1.0"?>
            <!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
            <!-- written by Disclosure (Notices/PrintFonts.cs): the system's fonts, Noto CJK SC without the radicals in place of the collections -->
            <fontconfig>
              <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
              <dir>{folder}</dir>
              <cachedir>{Path.Combine(folder, "cache")}</cachedir>
              <selectfont><rejectfont><glob>{source.TrimEnd('/')}/Noto*CJK*.ttc</glob></rejectfont></selectfont>
            </fontconfig>
            """);
        try { Directory.Move(building, folder); }
        catch (IOException) when (File.Exists(file)) { Directory.Delete(building, recursive: true); } // another process made it first
        log.LogInformation("Print fonts prepared: {Count} Noto CJK SC faces without the CJK radicals in {Folder}", written, folder);
        return file;
    }
}

/// <summary>Just enough of the OpenType format (sfnt, 'ttcf' collections, 'name', 'cmap') to write a face out with a smaller character map.</summary>
internal static class OpenType
{
    private static uint U32(byte[] b, int at) => BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(at));
    private static ushort U16(byte[] b, int at) => BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(at));

    /// <summary>The offsets of the faces' table directories: one for a font, one per face for a collection.</summary>
    public static IReadOnlyList<int> Faces(byte[] font)
    {
        if (Encoding.ASCII.GetString(font, 0, 4) != "ttcf") return [0];
        var count = (int)U32(font, 8);
        return Enumerable.Range(0, count).Select(i => (int)U32(font, 12 + 4 * i)).ToList();
    }

    private static Dictionary<string, (int Offset, int Length)> Tables(byte[] font, int face)
    {
        var tables = new Dictionary<string, (int, int)>();
        int count = U16(font, face + 4);
        for (var i = 0; i < count; i++)
        {
            var record = face + 12 + 16 * i;
            tables[Encoding.ASCII.GetString(font, record, 4)] = ((int)U32(font, record + 8), (int)U32(font, record + 12));
        }
        return tables;
    }

    /// <summary>The face's family name (typographic family, else family), as Windows reads it.</summary>
    public static string? Family(byte[] font, int face)
    {
        if (!Tables(font, face).TryGetValue("name", out var name)) return null;
        int count = U16(font, name.Offset + 2), strings = name.Offset + U16(font, name.Offset + 4);
        string? Find(int id)
        {
            for (var i = 0; i < count; i++)
            {
                var r = name.Offset + 6 + 12 * i;
                if (U16(font, r) == 3 && U16(font, r + 2) == 1 && U16(font, r + 6) == id && U16(font, r + 4) == 0x409)
                    return Encoding.BigEndianUnicode.GetString(font, strings + U16(font, r + 10), U16(font, r + 8));
            }
            return null;
        }
        return Find(16) ?? Find(1);
    }

    /// <summary>The face as a font of its own whose character map leaves out <paramref name="from"/>–<paramref name="to"/>.</summary>
    public static byte[] WithoutCodePoints(byte[] font, int face, int from, int to)
    {
        var tables = Tables(font, face);
        var map = CharacterMap(font, tables["cmap"].Offset);
        var kept = map.Where(p => p.Key < from || p.Key > to).OrderBy(p => p.Key).ToList();
        var cmap = Format12(kept);

        var tags = tables.Keys.Order(StringComparer.Ordinal).ToList();
        var header = 12 + 16 * tags.Count;
        using var output = new MemoryStream();
        var directory = new byte[header];
        var sfntVersion = U32(font, face);
        BinaryPrimitives.WriteUInt32BigEndian(directory.AsSpan(0), sfntVersion);
        BinaryPrimitives.WriteUInt16BigEndian(directory.AsSpan(4), (ushort)tags.Count);
        var power = 1; var log2 = 0;
        while (power * 2 <= tags.Count) { power *= 2; log2++; }
        BinaryPrimitives.WriteUInt16BigEndian(directory.AsSpan(6), (ushort)(power * 16));
        BinaryPrimitives.WriteUInt16BigEndian(directory.AsSpan(8), (ushort)log2);
        BinaryPrimitives.WriteUInt16BigEndian(directory.AsSpan(10), (ushort)(tags.Count * 16 - power * 16));
        output.Write(directory);
        for (var i = 0; i < tags.Count; i++)
        {
            var tag = tags[i];
            var data = tag == "cmap" ? cmap : font.AsSpan(tables[tag].Offset, tables[tag].Length).ToArray();
            var record = 12 + 16 * i;
            Encoding.ASCII.GetBytes(tag).CopyTo(directory, record);
            BinaryPrimitives.WriteUInt32BigEndian(directory.AsSpan(record + 4), Checksum(data));
            BinaryPrimitives.WriteUInt32BigEndian(directory.AsSpan(record + 8), (uint)output.Position);
            BinaryPrimitives.WriteUInt32BigEndian(directory.AsSpan(record + 12), (uint)data.Length);
            output.Write(data);
            while (output.Position % 4 != 0) output.WriteByte(0);
        }
        var bytes = output.ToArray();
        directory.CopyTo(bytes, 0);
        return bytes;
    }

    /// <summary>Code point → glyph, from the full-repertoire Unicode subtable (format 12), else the BMP one (format 4).</summary>
    private static Dictionary<int, int> CharacterMap(byte[] font, int cmap)
    {
        int count = U16(font, cmap + 2);
        int? format12 = null, format4 = null;
        for (var i = 0; i < count; i++)
        {
            var r = cmap + 4 + 8 * i;
            int platform = U16(font, r), encoding = U16(font, r + 2), at = cmap + (int)U32(font, r + 4);
            var format = U16(font, at);
            if (format == 12 && (platform == 3 && encoding == 10 || platform == 0)) format12 ??= at;
            if (format == 4 && (platform == 3 && encoding == 1 || platform == 0)) format4 ??= at;
        }
        var map = new Dictionary<int, int>();
        if (format12 is { } t12)
        {
            var groups = (int)U32(font, t12 + 12);
            for (var g = 0; g < groups; g++)
            {
                var r = t12 + 16 + 12 * g;
                int start = (int)U32(font, r), end = (int)U32(font, r + 4), glyph = (int)U32(font, r + 8);
                for (var c = start; c <= end; c++) map[c] = glyph + (c - start);
            }
            return map;
        }
        if (format4 is not { } t4) throw new InvalidDataException("The font has no Unicode character map.");
        var segments = U16(font, t4 + 6) / 2;
        int ends = t4 + 14, starts = ends + 2 * segments + 2, deltas = starts + 2 * segments, offsets = deltas + 2 * segments;
        for (var s = 0; s < segments; s++)
        {
            int end = U16(font, ends + 2 * s), start = U16(font, starts + 2 * s), delta = (short)U16(font, deltas + 2 * s), offset = U16(font, offsets + 2 * s);
            for (var c = start; c <= end && c != 0xFFFF; c++)
            {
                var glyph = offset == 0 ? (c + delta) & 0xFFFF : U16(font, offsets + 2 * s + offset + 2 * (c - start));
                if (offset != 0 && glyph != 0) glyph = (glyph + delta) & 0xFFFF;
                if (glyph != 0) map[c] = glyph;
            }
        }
        return map;
    }

    /// <summary>A 'cmap' table with one format 12 subtable, for Windows (3,10) and Unicode (0,4).</summary>
    private static byte[] Format12(IReadOnlyList<KeyValuePair<int, int>> map)
    {
        var groups = new List<(int Start, int End, int Glyph)>();
        foreach (var (c, g) in map)
        {
            if (groups.Count > 0 && groups[^1].End == c - 1 && groups[^1].Glyph + (c - groups[^1].Start) == g)
                groups[^1] = groups[^1] with { End = c };
            else
                groups.Add((c, c, g));
        }
        var length = 16 + 12 * groups.Count;
        var table = new byte[4 + 8 * 2 + length];
        BinaryPrimitives.WriteUInt16BigEndian(table.AsSpan(0), 0);
        BinaryPrimitives.WriteUInt16BigEndian(table.AsSpan(2), 2);
        const int subtable = 4 + 8 * 2;
        // encoding records sorted by platform, then encoding
        BinaryPrimitives.WriteUInt16BigEndian(table.AsSpan(4), 0);
        BinaryPrimitives.WriteUInt16BigEndian(table.AsSpan(6), 4);
        BinaryPrimitives.WriteUInt32BigEndian(table.AsSpan(8), subtable);
        BinaryPrimitives.WriteUInt16BigEndian(table.AsSpan(12), 3);
        BinaryPrimitives.WriteUInt16BigEndian(table.AsSpan(14), 10);
        BinaryPrimitives.WriteUInt32BigEndian(table.AsSpan(16), subtable);
        var t = table.AsSpan(subtable);
        BinaryPrimitives.WriteUInt16BigEndian(t, 12);
        BinaryPrimitives.WriteUInt32BigEndian(t[4..], (uint)length);
        BinaryPrimitives.WriteUInt32BigEndian(t[12..], (uint)groups.Count);
        for (var i = 0; i < groups.Count; i++)
        {
            var r = t[(16 + 12 * i)..];
            BinaryPrimitives.WriteUInt32BigEndian(r, (uint)groups[i].Start);
            BinaryPrimitives.WriteUInt32BigEndian(r[4..], (uint)groups[i].End);
            BinaryPrimitives.WriteUInt32BigEndian(r[8..], (uint)groups[i].Glyph);
        }
        return table;
    }

    private static uint Checksum(byte[] data)
    {
        uint sum = 0;
        for (var i = 0; i < data.Length; i += 4)
        {
            uint word = 0;
            for (var j = 0; j < 4; j++) word = (word << 8) | (i + j < data.Length ? data[i + j] : 0u);
            sum += word;
        }
        return sum;
    }
}
