using System.Text;

namespace Disclosure.Corpus;

/// <summary>The things one request is about. A re-worded repeat renders the same request again.</summary>
internal sealed class Request
{
    public required CorpusKind Kind { get; init; }
    public required int Topic { get; init; }
    public required int Item { get; init; }
    public required int District { get; init; }
    /// <summary>Indexed by <see cref="Slot"/>: the values the request names.</summary>
    public required string?[] Values { get; init; }
    public required string Key { get; init; }

    public int Year => int.Parse(Values[(int)Slot.Year]!);
}

/// <summary>How a filer worded a request: the frame around it (an index into the frames) and the words for what is asked.</summary>
internal sealed record Wording(int Frame, string Object);

internal sealed record Filed(int Index, DateOnly On, Request Request, Filer Filer, Wording Wording);

/// <summary>
/// How much of an earlier wording a new filing keeps. People re-filing mostly paste their own text and edit it;
/// someone else asking the same writes it anew; a filer's next request keeps their habitual frame.
/// </summary>
internal sealed record Keep(Wording? Model, double Frame, double Object, bool Retouch = false)
{
    public static readonly Keep Nothing = new(null, 0, 0);
}

internal sealed class Generator(int seed, int count, CorpusOptions options)
{
    private static readonly Slot[] AllSlots = Enum.GetValues<Slot>();
    private static readonly int SlotCount = AllSlots.Length;
    private const int Remembered = 1 << 16;       // earlier records a repeat can pick from
    private const int ActiveSeries = 4096;         // filers who may file again on their matter

    private readonly Random random = new(seed);
    private readonly Filed?[] recent = new Filed?[Remembered];
    /// <summary>Requests whose filers may file again on the same matter.</summary>
    private readonly List<Filed> matters = [];
    private readonly List<Filer> frequent = [];
    private readonly Dictionary<(CorpusKind, int), int> numbers = [];
    private readonly int days = options.To.DayNumber - options.From.DayNumber + 1;
    private readonly int home = options.District ?? (int)((uint)seed % (uint)Places.Districts.Length);
    private readonly StringBuilder text = new(256);
    private int filers;
    private (Request Request, Wording? Model, int Left)? wave;

    public CorpusRecord Next(int index)
    {
        var on = options.From.AddDays((int)((long)index * days / Math.Max(1, count)));
        var roll = random.NextDouble();
        var repeats = options.RepeatShare;
        var waves = repeats + options.MassShare;
        var series = waves + options.SeriesShare;
        var frequentFilers = series + options.FrequentShare;
        Filer filer;
        Request request;
        int? repeatOf = null;
        var keep = Keep.Nothing;
        var again = false;
        var prior = on;
        if (wave is { } w)
        {
            request = w.Request;
            filer = NewFiler(request, person: true);
            keep = new Keep(w.Model, 1, 0.8); // villagers copy one model text
            wave = w.Left > 1 ? w with { Left = w.Left - 1 } : null;
        }
        else if (roll < repeats && EarlierWithin(index, on) is { } original)
        {
            request = original.Request;
            var same = random.Next(4) > 0;
            filer = same ? original.Filer : NewFiler(request, person: true);
            // a near duplicate is an edited copy: the filer's own words touched up, often in a new frame; someone else
            // filing it again mostly copies it too (a neighbour's text), sometimes words it anew
            keep = same ? new Keep(original.Wording, 0.5, 0.95, Retouch: true) : new Keep(original.Wording, 0.2, 0.8, Retouch: true);
            repeatOf = original.Index;
            prior = original.On;
            again = random.Next(10) < 3;
        }
        else if (roll >= repeats && roll < waves)
        {
            request = NewRequest(CorpusKind.Application, on, random.Next(2)); // land or housing: whole villages file
            filer = NewFiler(request, person: true);
            wave = (request, null, random.Next(3, 13));
        }
        else if (roll >= waves && roll < series && matters.Count > 0)
        {
            var earlier = matters[random.Next(matters.Count)];
            request = NextInSeries(earlier.Request, on);
            filer = earlier.Filer;
            keep = new Keep(earlier.Wording, 0.6, 0);
        }
        else if (roll >= series && roll < frequentFilers)
        {
            if (frequent.Count < 40) frequent.Add(NewFiler(NewRequest(CorpusKind.Application, on), person: random.Next(3) > 0));
            filer = frequent[random.Next(frequent.Count)];
            request = NewRequest(CorpusKind.Application, on);
        }
        else
        {
            request = NewRequest(random.NextDouble() < options.LetterShare ? CorpusKind.Letter : CorpusKind.Application, on);
            filer = NewFiler(request, person: random.NextDouble() >= options.OrganisationShare);
        }

        var (subject, description, wording) = request.Kind == CorpusKind.Letter
            ? Letter(request, keep, again, prior)
            : Application(request, keep, again, prior);
        if (wave is { Model: null } started) wave = started with { Model = wording };
        var filed = new Filed(index, on, request, filer, wording);
        recent[index % Remembered] = filed;
        if (repeatOf is null && random.Next(5) < 2) Remember(matters, filed, ActiveSeries);
        return new CorpusRecord(index, request.Kind, Number(request.Kind, on), Channel(request.Kind), on,
            request.Kind == CorpusKind.Letter ? Letters.All[request.Topic].Code : Topics.All[request.Topic].Code,
            People.Written(filer, random), subject, description,
            request.Kind == CorpusKind.Letter ? Letters.All[request.Topic].Category : null,
            filer.Id, request.Key, repeatOf);
    }

    /// <summary>An earlier record received at least a week and at most <see cref="CorpusOptions.RepeatWithinDays"/> before.</summary>
    private Filed? EarlierWithin(int index, DateOnly on)
    {
        var from = Math.Max(0, index - Remembered);
        if (from >= index) return null;
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var f = recent[random.Next(from, index) % Remembered]!;
            if (on.DayNumber - f.On.DayNumber is var gap && gap >= 7 && gap <= options.RepeatWithinDays) return f;
        }
        return null;
    }

    private Filer NewFiler(Request about, bool person)
    {
        var district = Places.Districts[about.District];
        var id = ++filers;
        return person ? People.Person(id, random, district) : People.Organisation(id, random, district, new string?[SlotCount]);
    }

    private Request NewRequest(CorpusKind kind, DateOnly on, int? topic = null)
    {
        var district = random.NextDouble() < options.OwnDistrictShare ? home : random.Next(Places.Districts.Length);
        var d = Places.Districts[district];
        var v = new string?[SlotCount];
        v[(int)Slot.City] = d.City;
        v[(int)Slot.District] = d.Name;
        v[(int)Slot.Town] = Pick(Places.Words) + (random.Next(3) == 0 ? "街道" : "镇");
        v[(int)Slot.Village] = Pick(Places.Words) + "村";
        v[(int)Slot.Community] = Pick(Places.Words) + "社区";
        v[(int)Slot.Road] = Pick(Places.RoadWords) + Pick(Places.RoadKinds);
        v[(int)Slot.Road2] = Pick(Places.RoadWords) + Pick(Places.RoadKinds);
        v[(int)Slot.Estate] = Pick(Places.Words) + Pick(Places.EstateKinds);
        v[(int)Slot.House] = $"{random.Next(1, 400)}号";
        v[(int)Slot.N] = random.Next(2, 60).ToString();
        v[(int)Slot.Ordinal] = Pick(Places.ChineseOrdinals);
        v[(int)Slot.Year] = (on.Year - Math.Min(random.Next(5), random.Next(5))).ToString();
        v[(int)Slot.Company] = Named(Topics.Companies, v);
        v[(int)Slot.School] = Named(Topics.Schools, v);
        v[(int)Slot.Hospital] = Named(Topics.Hospitals, v);
        if (kind == CorpusKind.Letter)
        {
            var letter = random.Next(Letters.All.Length);
            v[(int)Slot.Project] = Named(Topics.All[random.Next(2) == 0 ? 1 : 2].Projects, v);
            v[(int)Slot.Home] = Home(v);
            return Finish(kind, letter, 0, district, v);
        }
        var t = topic ?? random.Next(Topics.All.Length);
        v[(int)Slot.Project] = Named(Topics.All[t].Projects, v);
        v[(int)Slot.Home] = Home(v);
        return Finish(kind, t, random.Next(Topics.All[t].Items.Length), district, v);
    }

    /// <summary>The filer's next request on the same matter: another document about it, or the same one for another year.</summary>
    private Request NextInSeries(Request earlier, DateOnly on)
    {
        var v = (string?[])earlier.Values.Clone();
        if (earlier.Kind == CorpusKind.Letter)
            return Finish(earlier.Kind, random.Next(Letters.All.Length), 0, earlier.District, v);
        var items = Topics.All[earlier.Topic].Items;
        var item = earlier.Item;
        if (items[item].Slots.Contains(Slot.Year) && random.Next(3) == 0)
        {
            var year = earlier.Year + (random.Next(2) == 0 ? -1 : 1);
            v[(int)Slot.Year] = Math.Min(year, on.Year).ToString();
            if (v[(int)Slot.Year] == earlier.Values[(int)Slot.Year]) v[(int)Slot.Year] = (year - 2).ToString();
        }
        else item = (item + 1 + random.Next(items.Length - 1)) % items.Length;
        return Finish(earlier.Kind, earlier.Topic, item, earlier.District, v);
    }

    private Request Finish(CorpusKind kind, int topic, int item, int district, string?[] v)
    {
        var key = new StringBuilder(kind == CorpusKind.Letter ? Letters.All[topic].Code : $"{Topics.All[topic].Code}/{item}");
        var slots = kind == CorpusKind.Letter ? Letters.All[topic].Problem.Slots : Topics.All[topic].Items[item].Slots;
        foreach (var slot in AllSlots)
            if (slots.Contains(slot) && IsIdentity(slot, slots)) key.Append('|').Append(v[(int)slot]);
        var d = Places.Districts[district];
        if (kind == CorpusKind.Application)
        {
            var t = Topics.All[topic];
            v[(int)Slot.Agency] = t.Agencies[(district + item) % t.Agencies.Length].Render(random, v);
            // one document, one number: derived from what it is about, so every rendering cites the same
            v[(int)Slot.DocNo] = $"{d.Abbreviation}{t.DocKind}〔{v[(int)Slot.Year]}〕{Stable(key.ToString()) % 160 + 1}号";
        }
        else v[(int)Slot.Agency] = Letters.All[topic].Agencies[district % Letters.All[topic].Agencies.Length].Render(random, v);
        return new Request { Kind = kind, Topic = topic, Item = item, District = district, Values = v, Key = key.ToString() };
    }

    /// <summary>
    /// What tells one request from another: the values it names, except those that follow from the others
    /// (the agency and document number from the matter, the city and district from a town or community).
    /// </summary>
    private static bool IsIdentity(Slot slot, IReadOnlySet<Slot> named) => slot switch
    {
        Slot.Agency or Slot.DocNo or Slot.City => false,
        Slot.District => !named.Contains(Slot.Town) && !named.Contains(Slot.Village) && !named.Contains(Slot.Community),
        _ => true,
    };

    private (string?, string, Wording) Application(Request r, Keep keep, bool again, DateOnly prior)
    {
        var v = Rendering(r, prior);
        var wording = Worded(keep, Frames.Requests.Length, () => Topics.All[r.Topic].Items[r.Item].Render(random, v));
        v[(int)Slot.Object] = wording.Object;
        text.Clear();
        if (again) Pick(Frames.Again).Render(text, random, v);
        Frames.Requests[wording.Frame].Render(text, random, v);
        return (null, Noisy(text), wording);
    }

    private (string?, string, Wording) Letter(Request r, Keep keep, bool again, DateOnly prior)
    {
        var topic = Letters.All[r.Topic];
        var v = Rendering(r, prior);
        var wording = Worded(keep, Letters.Bodies.Length, () => topic.Problem.Render(random, v));
        v[(int)Slot.Object] = wording.Object;
        v[(int)Slot.Reason] = topic.Ask.Render(random, v);
        text.Clear();
        Pick(Letters.Openings).Render(text, random, v);
        if (again) Pick(Letters.Again).Render(text, random, v);
        Letters.Bodies[wording.Frame].Render(text, random, v);
        return (topic.Subject.Render(random, v), Noisy(text), wording);
    }

    private Wording Worded(Keep keep, int frames, Func<string> words)
    {
        var frame = keep.Model is { } m && random.NextDouble() < keep.Frame ? m.Frame : random.Next(frames);
        if (keep.Model is not { } o || random.NextDouble() >= keep.Object) return new Wording(frame, words());
        return new Wording(frame, keep.Retouch && random.Next(3) == 0 ? Retouched(o.Object) : o.Object);
    }

    /// <summary>The small edits of a text pasted again: one word for another, a word added or left out, the 文号 dropped.</summary>
    private string Retouched(string words)
    {
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var (from, to) = Pick(Rewordings.Edits);
            var at = words.IndexOf(from, StringComparison.Ordinal);
            if (at >= 0) return string.Concat(words.AsSpan(0, at), to, words.AsSpan(at + from.Length));
        }
        var docNo = words.LastIndexOf('（');
        return docNo > 0 && words.EndsWith("号）", StringComparison.Ordinal) ? words[..docNo] : "有关" + words;
    }

    /// <summary>The request's values plus what changes from one writing to the next.</summary>
    private string?[] Rendering(Request r, DateOnly prior)
    {
        var v = (string?[])r.Values.Clone();
        var docNo = v[(int)Slot.DocNo];
        if (docNo is not null && random.Next(5) == 0)
            v[(int)Slot.DocNo] = random.Next(3) switch
            {
                0 => docNo.Replace('〔', '[').Replace('〕', ']'),
                1 => docNo.Replace('〔', '（').Replace('〕', '）'),
                _ => docNo.Replace('〔', '【').Replace('〕', '】'),
            };
        v[(int)Slot.Reason] = Pick(Frames.Reasons).Render(random, v);
        v[(int)Slot.Delivery] = Pick(Frames.Deliveries).Render(random, v);
        v[(int)Slot.Prior] = $"{prior.Year}年{prior.Month}月";
        return v;
    }

    /// <summary>Typing habits: full-width digits from a Chinese input method, ASCII commas, stray spaces.</summary>
    private string Noisy(StringBuilder sb)
    {
        switch (random.Next(20))
        {
            case 0:
                for (var i = 0; i < sb.Length; i++) if (sb[i] is >= '0' and <= '9') sb[i] = (char)(sb[i] + 0xFEE0);
                break;
            case 1:
                sb.Replace('，', ',').Replace('：', ':');
                break;
            case 2:
                sb.Replace("。", "。 ");
                break;
        }
        return sb.ToString().TrimEnd();
    }

    private string Named(Template[] forms, string?[] v)
    {
        v[(int)Slot.Word] = Pick(Places.Words);
        return Pick(forms).Render(random, v);
    }

    private string Home(string?[] v) => random.Next(2) == 0
        ? $"{v[(int)Slot.District]}{v[(int)Slot.Town]}{v[(int)Slot.Village]}"
        : $"{v[(int)Slot.District]}{v[(int)Slot.Community]}";

    private string Number(CorpusKind kind, DateOnly on)
    {
        var next = numbers[(kind, on.Year)] = numbers.GetValueOrDefault((kind, on.Year)) + 1;
        return kind == CorpusKind.Letter ? $"{options.AgencyCode}-M{on.Year}-{next:D5}" : $"{options.AgencyCode}-{on.Year}-{next:D5}";
    }

    private string Channel(CorpusKind kind) => kind == CorpusKind.Letter
        ? random.Next(10) switch { < 7 => "online", < 9 => "hotline", _ => "email" }
        : random.Next(20) switch { < 11 => "online", < 14 => "post", < 17 => "in_person", < 19 => "email", _ => "letter" };

    private T Pick<T>(T[] items) => items[random.Next(items.Length)];

    private void Remember(List<Filed> list, Filed f, int capacity)
    {
        if (list.Count < capacity) list.Add(f);
        else list[random.Next(capacity)] = f;
    }

    /// <summary>FNV-1a: string.GetHashCode differs from one process to the next.</summary>
    private static uint Stable(string s)
    {
        var h = 2166136261u;
        foreach (var c in s) h = (h ^ c) * 16777619u;
        return h;
    }
}
