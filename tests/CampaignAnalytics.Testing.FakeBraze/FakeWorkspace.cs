using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace CampaignAnalytics.Testing.FakeBraze;

/// <summary>A message variation of a campaign (the data series' <c>variation_api_id</c>), or its control group.</summary>
/// <param name="Id">The message variation id.</param>
/// <param name="Name">Its name.</param>
/// <param name="IsControl">True for the control group (<c>"type": "control"</c> in details; <c>enrolled</c> instead of <c>sent</c> in the series).</param>
public sealed record FakeVariation(string Id, string Name, bool IsControl = false);

/// <summary>A conversion behaviour of campaign details, in order: A, B, C, D.</summary>
/// <param name="Type">Braze's type, e.g. <c>Makes Specific Purchase</c>.</param>
/// <param name="WindowSeconds">The conversion window.</param>
/// <param name="Product">The product, for a specific purchase.</param>
/// <param name="CustomEventName">The event, for a custom event.</param>
public sealed record FakeConversionBehavior(string Type, long WindowSeconds, string? Product = null, string? CustomEventName = null);

/// <summary>A seeded campaign. Settable, so that a test can edit it (e.g. move <see cref="LastEdited"/>) between syncs.</summary>
public sealed class FakeCampaign
{
    /// <summary>The campaign API identifier.</summary>
    public required string Id { get; init; }

    /// <summary>Its name.</summary>
    public required string Name { get; set; }

    /// <summary>Its position in creation order (0 = oldest).</summary>
    public int Index { get; init; }

    /// <summary>Its tags.</summary>
    public IReadOnlyList<string> Tags { get; set; } = Array.Empty<string>();

    /// <summary>Archived campaigns are listed only with <c>include_archived=true</c>.</summary>
    public bool Archived { get; set; }

    /// <summary>An API campaign (<c>is_api_campaign</c>).</summary>
    public bool IsApiCampaign { get; set; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it was last edited (<c>last_edited</c>, filtered by <c>last_edit.time[gt]</c>).</summary>
    public DateTimeOffset LastEdited { get; set; }

    /// <summary>Its channels: keys of the data series' <c>messages</c> (e.g. <c>email</c>, <c>android_push</c>).</summary>
    public IReadOnlyList<string> Channels { get; set; } = new[] { "email" };

    /// <summary>Its variations, the control group last.</summary>
    public IReadOnlyList<FakeVariation> Variations { get; set; } = Array.Empty<FakeVariation>();

    /// <summary>Its conversion behaviours, in order (A → <c>conversions</c>, B → <c>conversions1</c>, …).</summary>
    public IReadOnlyList<FakeConversionBehavior> ConversionBehaviors { get; set; } = Array.Empty<FakeConversionBehavior>();

    /// <summary>The first day it sent.</summary>
    public LocalDate FirstSent { get; set; }

    /// <summary>
    /// Deleted in Braze after it was listed: still on <c>/campaigns/list</c> (a page read before the deletion) but
    /// unknown to <c>/campaigns/details</c>, which answers as for any unknown id.
    /// </summary>
    public bool DeletedFromDetails { get; set; }
}

/// <summary>A seeded Canvas: variants and steps (each step with one email message).</summary>
public sealed class FakeCanvas
{
    /// <summary>The Canvas API identifier.</summary>
    public required string Id { get; init; }

    /// <summary>Its name.</summary>
    public required string Name { get; set; }

    /// <summary>Its position in creation order (0 = oldest).</summary>
    public int Index { get; init; }

    /// <summary>Its tags.</summary>
    public IReadOnlyList<string> Tags { get; set; } = Array.Empty<string>();

    /// <summary>Archived Canvases are listed only with <c>include_archived=true</c>.</summary>
    public bool Archived { get; set; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it was last edited.</summary>
    public DateTimeOffset LastEdited { get; set; }

    /// <summary>Its variants (experiment paths at entry): id and name.</summary>
    public IReadOnlyList<FakeVariation> Variants { get; set; } = Array.Empty<FakeVariation>();

    /// <summary>Its steps: id and name; each sends one email whose message variation id is the step id + <c>-msg</c>.</summary>
    public IReadOnlyList<FakeVariation> Steps { get; set; } = Array.Empty<FakeVariation>();

    /// <summary>A step deleted from the Canvas: its data is served only with <c>include_deleted_step_data=true</c>.</summary>
    public FakeVariation? DeletedStep { get; set; }
}

/// <summary>
/// An in-memory Braze workspace of seeded campaigns and Canvases, and the JSON Braze's export endpoints answer for it
/// (PORTFOLIO-ENDPOINTS.md; written with <see cref="Utf8JsonWriter"/>). Every number is a function of the seed, the
/// campaign and the day: the same request always gets the same answer, and counts are consistent (delivered ≤ sent,
/// unique clicks ≤ unique opens ≤ delivered, conversions ≤ unique clicks).
/// </summary>
public sealed class FakeWorkspace
{
    /// <summary>Campaigns and Canvases per page of <c>/campaigns/list</c> and <c>/canvas/list</c>.</summary>
    public const int PageSize = 100;

    private static readonly string[] Words = { "Spring", "Summer", "Autumn", "Winter", "Flash", "Welcome", "Win-back", "Loyalty", "Launch", "Weekly", "Cart", "Birthday" };
    private static readonly string[] Kinds = { "Sale", "Series", "Digest", "Reminder", "Offer", "Nudge", "Announcement", "Survey" };
    private static readonly FakeConversionBehavior[] Behaviors =
    {
        new("Makes Specific Purchase", 259_200, Product: "Feline Body Armor"),
        new("Performs Custom Event", 86_400, CustomEventName: "Used app"),
        new("Clicks Email", 86_400),
        new("Makes Any Purchase", 604_800),
        new("Starts Session", 86_400),
    };

    private readonly Dictionary<string, FakeCampaign> _campaigns;
    private readonly Dictionary<string, FakeCanvas> _canvases;

    /// <summary>Creates a workspace of the given campaigns and Canvases.</summary>
    /// <param name="campaigns">The campaigns, in creation order.</param>
    /// <param name="canvases">The Canvases, in creation order.</param>
    /// <param name="seed">Seeds the statistics.</param>
    public FakeWorkspace(IEnumerable<FakeCampaign> campaigns, IEnumerable<FakeCanvas> canvases, int seed = 1)
    {
        Campaigns = campaigns.ToList();
        Canvases = canvases.ToList();
        Seed = seed;
        _campaigns = Campaigns.ToDictionary(c => c.Id, StringComparer.Ordinal);
        _canvases = Canvases.ToDictionary(c => c.Id, StringComparer.Ordinal);
    }

    /// <summary>The campaigns, in creation order.</summary>
    public IReadOnlyList<FakeCampaign> Campaigns { get; }

    /// <summary>The Canvases, in creation order.</summary>
    public IReadOnlyList<FakeCanvas> Canvases { get; }

    /// <summary>Seeds the statistics.</summary>
    public int Seed { get; }

    /// <summary>
    /// A seeded workspace: <paramref name="campaigns"/> campaigns (every 7th archived, every 10th an API campaign; email,
    /// every 3rd also Android push; two variations and a control group; two conversion behaviours) and
    /// <paramref name="canvases"/> Canvases (two variants, three steps, one deleted step), created a day apart from
    /// 2024-01-01, edited some days later.
    /// </summary>
    /// <param name="campaigns">How many campaigns.</param>
    /// <param name="canvases">How many Canvases.</param>
    /// <param name="seed">Seeds ids and statistics.</param>
    public static FakeWorkspace Create(int campaigns, int canvases = 0, int seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(campaigns);
        ArgumentOutOfRangeException.ThrowIfNegative(canvases);
        var start = new DateTimeOffset(2024, 1, 1, 9, 0, 0, TimeSpan.Zero);
        var list = Enumerable.Range(0, campaigns).Select(i =>
        {
            var id = IdOf(seed, 1, i);
            var created = start.AddDays(i);
            return new FakeCampaign
            {
                Id = id,
                Index = i,
                Name = string.Create(CultureInfo.InvariantCulture, $"{Words[i % Words.Length]} {Kinds[(i / Words.Length) % Kinds.Length]} {i + 1:D3}"),
                Tags = i % 4 == 0 ? new[] { "promo", "q" + ((i % 4) + 1).ToString(CultureInfo.InvariantCulture) } : new[] { "lifecycle" },
                Archived = i % 7 == 6,
                IsApiCampaign = i % 10 == 9,
                CreatedAt = created,
                LastEdited = created.AddDays(1 + (i % 30)).AddMinutes(i % 60),
                Channels = i % 3 == 2 ? new[] { "email", "android_push" } : new[] { "email" },
                Variations = new[]
                {
                    new FakeVariation(id + "-v1", "Variant A"),
                    new FakeVariation(id + "-v2", "Variant B"),
                    new FakeVariation(id + "-control", "Control Group", IsControl: true),
                },
                ConversionBehaviors = new[] { Behaviors[i % Behaviors.Length], Behaviors[(i + 1) % Behaviors.Length] },
                FirstSent = LocalDate.FromDateTime(created.UtcDateTime),
            };
        });
        var canvasList = Enumerable.Range(0, canvases).Select(i =>
        {
            var id = IdOf(seed, 2, i);
            var created = start.AddDays(i).AddHours(3);
            return new FakeCanvas
            {
                Id = id,
                Index = i,
                Name = string.Create(CultureInfo.InvariantCulture, $"{Words[(i + 5) % Words.Length]} journey {i + 1:D3}"),
                Tags = new[] { "canvas" },
                Archived = i % 7 == 6,
                CreatedAt = created,
                LastEdited = created.AddDays(2 + (i % 20)),
                Variants = new[] { new FakeVariation(id + "-variant-1", "Variant 1"), new FakeVariation(id + "-variant-2", "Variant 2") },
                Steps = new[] { new FakeVariation(id + "-step-1", "Welcome email"), new FakeVariation(id + "-step-2", "Reminder email"), new FakeVariation(id + "-step-3", "Last chance") },
                DeletedStep = new FakeVariation(id + "-step-deleted", "Old step"),
            };
        });
        return new FakeWorkspace(list, canvasList, seed);
    }

    /// <summary>The campaign with this id, or null.</summary>
    /// <param name="id">The campaign API identifier.</param>
    public FakeCampaign? Campaign(string? id) => id is not null && _campaigns.TryGetValue(id, out var c) ? c : null;

    /// <summary>The Canvas with this id, or null.</summary>
    /// <param name="id">The Canvas API identifier.</param>
    public FakeCanvas? Canvas(string? id) => id is not null && _canvases.TryGetValue(id, out var c) ? c : null;

    /// <summary>Braze's answer to a request for this workspace; 404 for an endpoint it does not serve.</summary>
    /// <param name="request">The request.</param>
    public FakeResponse Respond(ReceivedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return request.Path.TrimEnd('/') switch
            {
                "/campaigns/list" => ListCampaigns(request),
                "/campaigns/details" => CampaignDetails(request),
                "/campaigns/data_series" => CampaignDataSeries(request),
                "/canvas/list" => ListCanvases(request),
                "/canvas/details" => CanvasDetails(request),
                "/canvas/data_series" => CanvasData(request, summary: false),
                "/canvas/data_summary" => CanvasData(request, summary: true),
                "/sends/data_series" => SendDataSeries(request),
                _ => new FakeResponse(404, "{\"message\":\"Not Found\"}"),
            };
        }
        catch (BadRequest bad)
        {
            return new FakeResponse(400, Json(w => w.WriteString("message", bad.Message)));
        }
    }

    /// <summary>The days a series request covers: <c>length</c> (within <paramref name="maxLength"/>) days before the date of <c>ending_at</c>, or from <c>starting_at</c>.</summary>
    private static IReadOnlyList<LocalDate> Days(ReceivedRequest request, int maxLength, bool endingAtRequired)
    {
        var endText = request.Parameter("ending_at");
        if (endText is null && endingAtRequired)
        {
            throw new BadRequest("ending_at is required");
        }

        var end = endText is null ? LocalDate.FromDateTime(DateTime.UtcNow) : ParseMoment(endText, "ending_at").Date;
        int length;
        if (request.Parameter("starting_at") is { } startText)
        {
            length = Period.DaysBetween(ParseMoment(startText, "starting_at").Date, end);
        }
        else if (!int.TryParse(request.Parameter("length"), NumberStyles.None, CultureInfo.InvariantCulture, out length))
        {
            throw new BadRequest("length must be an integer");
        }

        if (length < 1 || length > maxLength)
        {
            throw new BadRequest(string.Create(CultureInfo.InvariantCulture, $"length must be between 1 and {maxLength}"));
        }

        return Enumerable.Range(1, length).Select(i => end.PlusDays(-i)).Reverse().ToList();
    }

    private static OffsetDateTime ParseMoment(string text, string name)
    {
        var result = OffsetDateTimePattern.ExtendedIso.Parse(text);
        if (result.Success)
        {
            return result.Value;
        }

        var date = LocalDatePattern.Iso.Parse(text);
        return date.Success ? date.Value.AtMidnight().WithOffset(Offset.Zero) : throw new BadRequest(name + " must be an ISO-8601 time");
    }

    private static bool Flag(ReceivedRequest request, string name) =>
        string.Equals(request.Parameter(name), "true", StringComparison.OrdinalIgnoreCase);

    private FakeResponse ListCampaigns(ReceivedRequest request) =>
        List(request, Campaigns, c => c.Archived, c => c.LastEdited, "campaigns", (w, c) =>
        {
            w.WriteString("id", c.Id);
            w.WriteString("name", c.Name);
            w.WriteBoolean("is_api_campaign", c.IsApiCampaign);
            WriteStrings(w, "tags", c.Tags);
            w.WriteString("last_edited", Iso(c.LastEdited));
        });

    private FakeResponse ListCanvases(ReceivedRequest request) =>
        List(request, Canvases, c => c.Archived, c => c.LastEdited, "canvases", (w, c) =>
        {
            w.WriteString("id", c.Id);
            w.WriteString("name", c.Name);
            WriteStrings(w, "tags", c.Tags);
            w.WriteString("last_edited", Iso(c.LastEdited));
        });

    /// <summary>One page (100) of a list: <c>page</c>, <c>include_archived</c>, <c>sort_direction</c> (by creation), <c>last_edit.time[gt]</c>.</summary>
    private static FakeResponse List<T>(
        ReceivedRequest request, IReadOnlyList<T> all, Func<T, bool> archived, Func<T, DateTimeOffset> lastEdited, string key, Action<Utf8JsonWriter, T> write)
    {
        var page = 0;
        if (request.Parameter("page") is { } pageText && !int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out page))
        {
            throw new BadRequest("page must be a non-negative integer");
        }

        IEnumerable<T> items = all;
        if (!Flag(request, "include_archived"))
        {
            items = items.Where(i => !archived(i));
        }

        if (request.Parameter("last_edit.time[gt]") is { } since)
        {
            var after = ParseMoment(since, "last_edit.time[gt]").ToInstant().ToDateTimeOffset();
            items = items.Where(i => lastEdited(i) > after);
        }

        if (string.Equals(request.Parameter("sort_direction"), "desc", StringComparison.OrdinalIgnoreCase))
        {
            items = items.Reverse();
        }

        var slice = items.Skip(page * PageSize).Take(PageSize).ToList();
        return new FakeResponse(200, Json(w =>
        {
            w.WriteString("message", "success");
            w.WriteStartArray(key);
            foreach (var item in slice)
            {
                w.WriteStartObject();
                write(w, item);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }));
    }

    private FakeResponse CampaignDetails(ReceivedRequest request)
    {
        var c = Campaign(request.CampaignId);
        if (c is null || c.DeletedFromDetails)
        {
            // Braze answers an unknown campaign's details with 200 and its error envelope, no campaign fields.
            return new FakeResponse(200, Json(w => w.WriteString("message", "Invalid campaign_id")));
        }

        var lastSent = LocalDate.FromDateTime(DateTime.UtcNow).PlusDays(-1);
        return new FakeResponse(200, Json(w =>
        {
            w.WriteString("message", "success");
            w.WriteString("created_at", Iso(c.CreatedAt));
            w.WriteString("updated_at", Iso(c.LastEdited));
            w.WriteBoolean("archived", c.Archived);
            w.WriteBoolean("draft", false);
            w.WriteString("name", c.Name);
            w.WriteString("description", "Seeded campaign " + c.Id);
            w.WriteString("schedule_type", c.IsApiCampaign ? "api_triggered" : "time_based_local");
            WriteStrings(w, "channels", c.Channels);
            w.WriteString("first_sent", c.FirstSent.ToString("uuuu'-'MM'-'dd", CultureInfo.InvariantCulture) + "T10:00:00+00:00");
            w.WriteString("last_sent", lastSent.ToString("uuuu'-'MM'-'dd", CultureInfo.InvariantCulture) + "T10:00:00+00:00");
            WriteStrings(w, "tags", c.Tags);
            w.WriteStartObject("messages");
            foreach (var v in c.Variations)
            {
                w.WriteStartObject(v.Id);
                w.WriteString("channel", c.Channels[0]);
                w.WriteString("name", v.Name);
                if (v.IsControl)
                {
                    w.WriteString("type", "control");
                }
                else
                {
                    w.WriteString("subject", v.Name + " — " + c.Name);
                }

                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteStartArray("conversion_behaviors");
            foreach (var b in c.ConversionBehaviors)
            {
                w.WriteStartObject();
                w.WriteString("type", b.Type);
                w.WriteNumber("window", b.WindowSeconds);
                if (b.Product is not null)
                {
                    w.WriteString("product", b.Product);
                }

                if (b.CustomEventName is not null)
                {
                    w.WriteString("custom_event_name", b.CustomEventName);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
        }));
    }

    private FakeResponse CampaignDataSeries(ReceivedRequest request)
    {
        var c = Campaign(request.CampaignId) ?? throw new BadRequest("Invalid campaign_id");
        var days = Days(request, 100, endingAtRequired: false);
        return new FakeResponse(200, Json(w =>
        {
            w.WriteString("message", "success");
            w.WriteStartArray("data");
            foreach (var day in days)
            {
                w.WriteStartObject();
                w.WriteString("time", DateText(day));
                w.WriteStartObject("messages");
                long conversions = 0, recipients = 0;
                double revenue = 0;
                for (var ch = 0; ch < c.Channels.Count; ch++)
                {
                    w.WriteStartArray(c.Channels[ch]);
                    for (var v = 0; v < c.Variations.Count; v++)
                    {
                        var s = Stats(c.Index, ch, v, day);
                        conversions += s.Conversions;
                        recipients += s.Sent;
                        revenue += s.Revenue;
                        WriteVariation(w, c.Channels[ch], c.Variations[v], s);
                    }

                    w.WriteEndArray();
                }

                w.WriteEndObject();
                w.WriteNumber("conversions", conversions);
                w.WriteNumber("unique_recipients", recipients);
                w.WriteNumber("revenue", revenue);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }));
    }

    private FakeResponse SendDataSeries(ReceivedRequest request)
    {
        var c = Campaign(request.CampaignId) ?? throw new BadRequest("Invalid campaign_id");
        var sendId = request.Parameter("send_id") ?? throw new BadRequest("send_id is required");
        var days = Days(request, 100, endingAtRequired: false);
        var salt = sendId.Aggregate(17, (h, ch) => (h * 31) + ch);
        return new FakeResponse(200, Json(w =>
        {
            w.WriteString("message", "success");
            w.WriteStartArray("data");
            foreach (var day in days)
            {
                w.WriteStartObject();
                w.WriteString("time", DateText(day));
                w.WriteStartObject("messages");
                w.WriteStartArray(c.Channels[0]);
                for (var v = 0; v < c.Variations.Count; v++)
                {
                    if (!c.Variations[v].IsControl)
                    {
                        WriteVariation(w, c.Channels[0], c.Variations[v] with { Id = string.Empty }, Stats(c.Index, salt, v, day));
                    }
                }

                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }));
    }

    private FakeResponse CanvasDetails(ReceivedRequest request)
    {
        var c = Canvas(request.Parameter("canvas_id")) ?? throw new BadRequest("Invalid canvas_id");
        return new FakeResponse(200, Json(w =>
        {
            w.WriteString("message", "success");
            w.WriteString("name", c.Name);
            w.WriteString("description", "Seeded Canvas " + c.Id);
            w.WriteString("created_at", Iso(c.CreatedAt));
            w.WriteString("updated_at", Iso(c.LastEdited));
            w.WriteBoolean("archived", c.Archived);
            w.WriteBoolean("draft", false);
            w.WriteString("schedule_type", "action_based");
            w.WriteString("first_entry", Iso(c.CreatedAt.AddDays(1)));
            w.WriteString("last_entry", Iso(DateTimeOffset.UtcNow.Date));
            WriteStrings(w, "channels", new[] { "email" });
            WriteStrings(w, "tags", c.Tags);
            w.WriteStartArray("variants");
            foreach (var v in c.Variants)
            {
                w.WriteStartObject();
                w.WriteString("name", v.Name);
                w.WriteString("id", v.Id);
                WriteStrings(w, "first_step_ids", new[] { c.Steps[0].Id });
                w.WriteString("first_step_id", c.Steps[0].Id);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("steps");
            for (var i = 0; i < c.Steps.Count; i++)
            {
                var step = c.Steps[i];
                var next = i + 1 < c.Steps.Count ? new[] { c.Steps[i + 1].Id } : Array.Empty<string>();
                w.WriteStartObject();
                w.WriteString("name", step.Name);
                w.WriteString("type", "message");
                w.WriteString("id", step.Id);
                WriteStrings(w, "next_step_ids", next);
                w.WriteStartArray("next_paths");
                foreach (var n in next)
                {
                    w.WriteStartObject();
                    w.WriteString("name", "Everyone else");
                    w.WriteString("next_step_id", n);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                WriteStrings(w, "channels", new[] { "email" });
                w.WriteStartObject("messages");
                w.WriteStartObject(step.Id + "-msg");
                w.WriteString("channel", "email");
                w.WriteString("name", step.Name);
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }));
    }

    /// <summary><c>/canvas/data_series</c> (per day) or <c>/canvas/data_summary</c> (rolled up): 1..14 days, breakdowns only when asked for.</summary>
    private FakeResponse CanvasData(ReceivedRequest request, bool summary)
    {
        var c = Canvas(request.Parameter("canvas_id")) ?? throw new BadRequest("Invalid canvas_id");
        var days = Days(request, 14, endingAtRequired: true);
        var variants = Flag(request, "include_variant_breakdown");
        var steps = Flag(request, "include_step_breakdown");
        var deleted = Flag(request, "include_deleted_step_data");
        var stepList = deleted && c.DeletedStep is { } gone ? c.Steps.Append(gone).ToList() : c.Steps.ToList();

        void WriteBlocks(Utf8JsonWriter w, IReadOnlyList<LocalDate> over)
        {
            var total = Sum(over.SelectMany(d => Enumerable.Range(0, c.Variants.Count).Select(v => Stats(c.Index + 100_000, 0, v, d))));
            WriteCanvasStats(w, "total_stats", null, total);
            if (variants)
            {
                w.WriteStartObject("variant_stats");
                for (var v = 0; v < c.Variants.Count; v++)
                {
                    WriteCanvasStats(w, c.Variants[v].Id, c.Variants[v].Name, Sum(over.Select(d => Stats(c.Index + 100_000, 0, v, d))));
                }

                w.WriteEndObject();
            }

            if (steps)
            {
                w.WriteStartObject("step_stats");
                for (var s = 0; s < stepList.Count; s++)
                {
                    var stats = Sum(over.Select(d => Stats(c.Index + 100_000, s + 1, 0, d)));
                    w.WriteStartObject(stepList[s].Id);
                    w.WriteString("name", stepList[s].Name);
                    w.WriteNumber("revenue", stats.Revenue);
                    w.WriteNumber("conversions", stats.Conversions);
                    w.WriteNumber("conversions_by_entry_time", stats.Conversions);
                    w.WriteStartObject("messages");
                    w.WriteStartArray("email");
                    w.WriteStartObject();
                    w.WriteNumber("sent", stats.Sent);
                    w.WriteNumber("opens", stats.Opens);
                    w.WriteNumber("unique_opens", stats.UniqueOpens);
                    w.WriteNumber("clicks", stats.Clicks);
                    w.WriteNumber("unique_clicks", stats.UniqueClicks);
                    w.WriteNumber("delivered", stats.Delivered);
                    w.WriteNumber("bounces", stats.Sent - stats.Delivered);
                    w.WriteEndObject();
                    w.WriteEndArray();
                    w.WriteEndObject();
                    w.WriteEndObject();
                }

                w.WriteEndObject();
            }
        }

        return new FakeResponse(200, Json(w =>
        {
            w.WriteString("message", "success");
            w.WriteStartObject("data");
            w.WriteString("name", c.Name);
            if (summary)
            {
                WriteBlocks(w, days);
            }
            else
            {
                w.WriteStartArray("stats");
                foreach (var day in days)
                {
                    w.WriteStartObject();
                    w.WriteString("time", DateText(day));
                    WriteBlocks(w, new[] { day });
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }));
    }

    private static void WriteCanvasStats(Utf8JsonWriter w, string key, string? name, DayStats s)
    {
        w.WriteStartObject(key);
        if (name is not null)
        {
            w.WriteString("name", name);
        }

        w.WriteNumber("revenue", s.Revenue);
        w.WriteNumber("conversions", s.Conversions);
        w.WriteNumber("conversions_by_entry_time", s.Conversions);
        w.WriteNumber("entries", s.Sent);
        w.WriteEndObject();
    }

    /// <summary>One variation's statistics object of a series day, in the channel's fields (a control group has <c>enrolled</c>, no sends).</summary>
    private static void WriteVariation(Utf8JsonWriter w, string channel, FakeVariation v, DayStats s)
    {
        w.WriteStartObject();
        if (v.Id.Length > 0)
        {
            w.WriteString("variation_api_id", v.Id);
        }

        w.WriteString("variation_name", v.Name);
        w.WriteNumber("revenue", s.Revenue);
        w.WriteNumber("unique_recipients", s.Sent);
        w.WriteNumber("conversions", s.Conversions);
        w.WriteNumber("conversions1", s.Conversions / 2);
        w.WriteNumber("conversions_by_send_time", s.Conversions);
        if (v.IsControl)
        {
            w.WriteNumber("enrolled", s.Sent);
        }
        else if (channel.EndsWith("_push", StringComparison.Ordinal))
        {
            w.WriteNumber("sent", s.Sent);
            w.WriteNumber("delivered", s.Delivered);
            w.WriteNumber("direct_opens", s.UniqueOpens);
            w.WriteNumber("total_opens", s.Opens);
            w.WriteNumber("bounces", s.Sent - s.Delivered);
            w.WriteNumber("body_clicks", s.UniqueClicks);
        }
        else
        {
            w.WriteNumber("sent", s.Sent);
            w.WriteNumber("delivered", s.Delivered);
            w.WriteNumber("opens", s.Opens);
            w.WriteNumber("unique_opens", s.UniqueOpens);
            w.WriteNumber("clicks", s.Clicks);
            w.WriteNumber("unique_clicks", s.UniqueClicks);
            w.WriteNumber("bounces", s.Sent - s.Delivered);
            w.WriteNumber("unsubscribes", s.UniqueClicks / 20);
        }

        w.WriteEndObject();
    }

    /// <summary>Consistent counts for (item, channel or step, variation, day), from the seed.</summary>
    private DayStats Stats(int item, int part, int variation, LocalDate day)
    {
        var h = Mix((ulong)(uint)Seed, (ulong)(uint)item, (ulong)(uint)part, (ulong)(uint)variation, (ulong)(uint)Period.DaysBetween(new LocalDate(1970, 1, 1), day));
        long Draw(int shift, long range) => (long)((h >> shift) % (ulong)range);
        var sent = 500 + Draw(0, 1500);
        var delivered = sent - Draw(11, 1 + (sent / 25));
        var uniqueOpens = delivered * (10 + Draw(17, 25)) / 100;
        var opens = uniqueOpens + Draw(23, 1 + (uniqueOpens / 3));
        var uniqueClicks = uniqueOpens * (5 + Draw(29, 30)) / 100;
        var clicks = uniqueClicks + Draw(35, 1 + (uniqueClicks / 2));
        var conversions = uniqueClicks * (10 + Draw(41, 40)) / 100;
        return new DayStats(sent, delivered, opens, uniqueOpens, clicks, uniqueClicks, conversions, Math.Round(conversions * (9.5 + Draw(47, 30)), 2));
    }

    private static DayStats Sum(IEnumerable<DayStats> all) => all.Aggregate(
        new DayStats(0, 0, 0, 0, 0, 0, 0, 0),
        (a, b) => new DayStats(a.Sent + b.Sent, a.Delivered + b.Delivered, a.Opens + b.Opens, a.UniqueOpens + b.UniqueOpens, a.Clicks + b.Clicks, a.UniqueClicks + b.UniqueClicks, a.Conversions + b.Conversions, Math.Round(a.Revenue + b.Revenue, 2)));

    private static ulong Mix(params ulong[] values)
    {
        var h = 0x9E3779B97F4A7C15UL;
        foreach (var v in values)
        {
            h ^= v + 0x9E3779B97F4A7C15UL + (h << 6) + (h >> 2);
            h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9UL;
            h = (h ^ (h >> 27)) * 0x94D049BB133111EBUL;
            h ^= h >> 31;
        }

        return h;
    }

    private static string IdOf(int seed, int kind, int index)
    {
        var h = Mix((ulong)(uint)seed, (ulong)kind, (ulong)index);
        var g = Mix(h, 7);
        return string.Create(CultureInfo.InvariantCulture, $"{(uint)h:x8}-{(ushort)(h >> 32):x4}-4{(ushort)(h >> 48) & 0xfff:x3}-{(ushort)g:x4}-{g >> 16:x12}")[..36];
    }

    private static string DateText(LocalDate day) => day.ToString("uuuu'-'MM'-'dd", CultureInfo.InvariantCulture);

    private static string Iso(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'+00:00'", CultureInfo.InvariantCulture);

    private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    private static string Json(Action<Utf8JsonWriter> writeMembers)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            writeMembers(w);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private readonly record struct DayStats(long Sent, long Delivered, long Opens, long UniqueOpens, long Clicks, long UniqueClicks, long Conversions, double Revenue);

    /// <summary>A parameter Braze would refuse with 400.</summary>
    private sealed class BadRequest : Exception
    {
        public BadRequest(string message)
            : base(message)
        {
        }
    }
}
