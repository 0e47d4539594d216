using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using CampaignAnalytics.Api;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Cli.Infrastructure;
using CampaignAnalytics.Frames;
using CampaignAnalytics.Models;
using CampaignAnalytics.Serialization;
using CampaignAnalytics.Store;
using NodaTime;

namespace CampaignAnalytics.Cli.Input;

/// <summary>What the response files say they are, from their shape.</summary>
internal enum ResponseShape
{
    /// <summary>Anything else (read as a campaign series, which reports what is wrong with it).</summary>
    Campaign,

    /// <summary><c>/canvas/data_series</c>: <c>data</c> is an object (with <c>stats</c>).</summary>
    CanvasSeries,

    /// <summary><c>/canvas/details</c>: <c>variants</c> or <c>steps</c> at the top.</summary>
    CanvasDetails,
}

/// <summary>Canvases read for <c>report</c>, <c>compare</c>, <c>export</c>: the data set and its steps as campaign inputs.</summary>
/// <param name="Data">The Canvases flattened.</param>
/// <param name="Steps">Each step as a campaign input of the bundled catalogue (id = step id), for the campaign channel machinery.</param>
internal sealed record CanvasLoad(CanvasDataSet Data, IReadOnlyList<CampaignInput> Steps);

/// <summary>
/// Canvas inputs: <c>/canvas/data_series</c> response files (detected from their shape; a <c>/canvas/details</c> file beside
/// them names variants and steps), or <c>--store PATH --canvas NAME_OR_ID</c>.
/// </summary>
internal static class CanvasInput
{
    /// <summary>The shape of a response file; <see cref="ResponseShape.Campaign"/> when it cannot be read (the campaign reader reports why).</summary>
    /// <exception cref="UserErrorException">The path is a pipe or a device (inputs are read more than once).</exception>
    public static ResponseShape ShapeOf(string path)
    {
        byte[] buffer;
        int length;
        try
        {
            (buffer, length) = InputLoader.ReadPooled(path);
        }
        catch (UserErrorException e) when (e.InnerException is IOException or UnauthorizedAccessException)
        {
            // The campaign reader reports why it cannot be read.
            return ResponseShape.Campaign;
        }

        try
        {
            return ShapeOf(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The shape of a response's bytes; <see cref="ResponseShape.Campaign"/> when they are no Canvas response (invalid JSON included: the campaign reader reports why).</summary>
    /// <remarks>
    /// The bytes are first searched for what a Canvas response must hold (<see cref="PlainlyCampaign"/>); only when that
    /// cannot rule a Canvas out are their tokens walked (no document is built). Of a repeated top-level name the last one
    /// counts, as in <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/>.
    /// </remarks>
    public static ResponseShape ShapeOf(ReadOnlySpan<byte> json)
    {
        if (PlainlyCampaign(json))
        {
            return ResponseShape.Campaign;
        }

        if (json.StartsWith("\uFEFF"u8))
        {
            // A byte order mark before the JSON (the campaign reader skips it too).
            json = json[3..];
        }

        try
        {
            var reader = new Utf8JsonReader(json, isFinalBlock: true, default);
            var started = false;
            var dataValue = false;
            var dataIsObject = false;
            var named = false;
            while (reader.Read())
            {
                if (!started)
                {
                    started = true;
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        return ResponseShape.Campaign;
                    }
                }
                else if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName)
                {
                    dataValue = reader.ValueTextEquals("data"u8);
                    named |= reader.ValueTextEquals("variants"u8) || reader.ValueTextEquals("steps"u8);
                }
                else if (dataValue)
                {
                    // The token after "data": its value.
                    dataIsObject = reader.TokenType == JsonTokenType.StartObject;
                    dataValue = false;
                }
            }

            return dataIsObject ? ResponseShape.CanvasSeries : named ? ResponseShape.CanvasDetails : ResponseShape.Campaign;
        }
        catch (JsonException)
        {
            return ResponseShape.Campaign;
        }
    }

    /// <summary>
    /// True when the bytes alone show they are no Canvas response, without parsing them. A Canvas shape needs a top-level
    /// <c>data</c> object or a <c>variants</c> or <c>steps</c> property, and such a name can only be written <c>"data"</c>,
    /// <c>"variants"</c> or <c>"steps"</c> or with a <c>\u</c> escape. So: no <c>\u</c>, no <c>"variants"</c> or
    /// <c>"steps"</c>, and <c>"data"</c> at most once and not followed by <c>: {</c>. False (walk the tokens) when unsure:
    /// valid JSON then reads as the document says, invalid JSON is a campaign either way.
    /// </summary>
    private static bool PlainlyCampaign(ReadOnlySpan<byte> json)
    {
        if (json.IndexOf("\\u"u8) >= 0 || Quoted(json, "variants"u8, 0) >= 0 || Quoted(json, "steps"u8, 0) >= 0)
        {
            return false;
        }

        var data = Quoted(json, "data"u8, 0);
        if (data < 0)
        {
            return true;
        }

        if (Quoted(json, "data"u8, data + 6) >= 0)
        {
            return false;
        }

        var after = json[(data + 6)..].TrimStart(" \t\r\n"u8);
        return !(after.Length > 0 && after[0] == (byte)':' && after[1..].TrimStart(" \t\r\n"u8) is [(byte)'{', ..]);
    }

    /// <summary>
    /// Where the next <c>"name"</c> (in quotes) starts at or after <paramref name="from"/>; -1 when there is none. The name
    /// is searched without its quotes: a quote starts every key, so a needle starting with one has a candidate at every key.
    /// </summary>
    private static int Quoted(ReadOnlySpan<byte> json, ReadOnlySpan<byte> name, int from)
    {
        while (from < json.Length)
        {
            var found = json[from..].IndexOf(name);
            if (found < 0)
            {
                return -1;
            }

            var at = from + found;
            if (at > 0 && json[at - 1] == (byte)'"' && at + name.Length < json.Length && json[at + name.Length] == (byte)'"')
            {
                return at - 1;
            }

            from = at + 1;
        }

        return -1;
    }

    /// <summary>
    /// The Canvases of the inputs, or null when they are campaigns. Canvas and campaign inputs cannot be mixed; each series
    /// file is one Canvas (id: its file name without extension); a details file belongs to the one series given, or to the
    /// series of the same name.
    /// </summary>
    public static CanvasLoad? TryLoad(IReadOnlyList<string> files, string? storePath, IReadOnlyList<string> storeCanvases, IReadOnlyList<string> storeCampaigns, (LocalDate? From, LocalDate? To) window)
    {
        if (storeCanvases.Count == 0 && (files.FirstOrDefault(File.Exists) is not { } first || ShapeOf(first) == ResponseShape.Campaign))
        {
            // Campaigns: the campaign reader checks each later file's shape on the bytes it reads anyway
            // (InputLoader.ParseFile), so a Canvas file among them is refused there, and nothing is read twice.
            return null;
        }

        var shapes = files.Select(f => (File: f, Shape: File.Exists(f) ? ShapeOf(f) : ResponseShape.Campaign)).ToList();

        if (shapes.FirstOrDefault(s => s.Shape == ResponseShape.Campaign).File is { } campaignFile)
        {
            throw new UserErrorException($"{campaignFile}: not a Canvas response; campaign and Canvas inputs cannot be mixed in one run.");
        }

        if (storeCampaigns.Count > 0)
        {
            throw new UserErrorException("give --campaign or --canvas, not both: campaigns and Canvases are read in separate runs.");
        }

        if (storeCanvases.Count > 0 && storePath is null)
        {
            throw new UserErrorException("--canvas needs --store PATH (a Canvas response file is read as it is).");
        }

        DateInterval? range = window.From is { } f && window.To is { } t ? new DateInterval(f, t) : null;
        var canvases = new List<CanvasDays>();
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        var details = new Dictionary<string, CanvasDetailsResponse>(StringComparer.Ordinal);
        foreach (var (file, _) in shapes.Where(s => s.Shape == ResponseShape.CanvasSeries))
        {
            var response = Parse<CanvasDataSeriesResponse>(file);
            if (!string.Equals(response.Message, "success", StringComparison.Ordinal) || response.Data?.Stats is not { } stats)
            {
                throw new UserErrorException($"{file}: message \"{Lines.Excerpt(response.Message ?? string.Empty)}\" and no days; it holds no statistics to read.");
            }

            var id = Path.GetFileNameWithoutExtension(file);
            if (!sources.TryAdd(id, file))
            {
                throw new UserErrorException($"canvas '{id}': given twice ({sources[id]} and {file}); give each Canvas once.");
            }

            var repeated = stats.GroupBy(d => d.Time).FirstOrDefault(g => g.Count() > 1);
            if (repeated is not null)
            {
                throw new UserErrorException($"canvas '{id}': day {Dates.Format(repeated.Key)} appears twice in {file}; give each day once.");
            }

            canvases.Add(new CanvasDays(id, response.Data.Name, stats.Where(d => InWindow(d.Time, window)).OrderBy(d => d.Time).ToList()));
        }

        foreach (var (file, _) in shapes.Where(s => s.Shape == ResponseShape.CanvasDetails))
        {
            var detail = Parse<CanvasDetailsResponse>(file);
            var owners = canvases.Count == 1 ? canvases : canvases.Where(c => c.Name is not null && c.Name == detail.Name).ToList();
            if (owners.Count != 1)
            {
                throw new UserErrorException($"{file}: Canvas details for '{Lines.Excerpt(detail.Name ?? "?")}' match {(owners.Count == 0 ? "no" : "several")} Canvas series given; give its series file beside it.");
            }

            details[owners[0].CanvasId] = detail;
        }

        if (storePath is not null)
        {
            LoadStore(storePath, storeCanvases, range, canvases, sources, details);
        }

        if (canvases.Count == 0)
        {
            throw new UserErrorException("no Canvas series given: a details file alone holds no statistics.");
        }

        var data = CanvasDataSet.Create(canvases, details);
        var steps = data.StepChannels.Campaigns
            .Select(s => new CampaignInput(s, new[] { sources[data.StepOf(s.CampaignId)!.CanvasId] }) { Covered = null, StepName = data.StepOf(s.CampaignId)!.StepName })
            .ToList();
        return new CanvasLoad(data, steps);
    }

    /// <summary>The step to compare on a channel: <paramref name="step"/> (id or name) or, when null, the one step that has the channel.</summary>
    public static CampaignInput Step(CanvasLoad canvas, ChannelDescriptor channel, string? step)
    {
        if (step is not null)
        {
            var named = canvas.Steps.Where(s => s.CampaignId == step || string.Equals(canvas.Data.StepOf(s.CampaignId)!.StepName, step, StringComparison.Ordinal)).ToList();
            if (named.Count == 1)
            {
                return named[0];
            }

            throw new UserErrorException($"--step: {(named.Count == 0 ? "no" : "more than one")} step '{Lines.Excerpt(step)}'; steps: {StepList(canvas, canvas.Steps)}.");
        }

        var with = canvas.Steps.Where(s => s.Days.Any(channel.IsPresent)).ToList();
        return with.Count switch
        {
            1 => with[0],
            0 => throw new UserErrorException($"no step of the Canvas sends on '{channel.Key}'; steps: {StepList(canvas, canvas.Steps)}."),
            _ => throw new UserErrorException($"{with.Count} steps send on '{channel.Key}' ({StepList(canvas, with)}); name one with --step NAME_OR_ID."),
        };
    }

    private static string StepList(CanvasLoad canvas, IEnumerable<CampaignInput> steps) =>
        string.Join(", ", steps.Select(s => $"'{canvas.Data.StepOf(s.CampaignId)!.StepName ?? s.CampaignId}'"));

    private static bool InWindow(LocalDate date, (LocalDate? From, LocalDate? To) window) =>
        (window.From is not { } f || date >= f) && (window.To is not { } t || date <= t);

    private static T Parse<T>(string file)
        where T : class, IGeneratedModel<T>
    {
        try
        {
            return ModelReading.Parse<T>(File.ReadAllBytes(file));
        }
        catch (CampaignJsonException e)
        {
            throw new UserErrorException(InputLoader.DescribeJsonError(file, e), e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserErrorException($"{file}: cannot be read: {e.Message}", e);
        }
    }

    private static void LoadStore(
        string storePath, IReadOnlyList<string> selectors, DateInterval? range, List<CanvasDays> canvases, Dictionary<string, string> sources, Dictionary<string, CanvasDetailsResponse> details)
    {
        if (selectors.Count == 0)
        {
            throw new UserErrorException($"--store {storePath}: say which Canvas to read with --canvas NAME_OR_ID.");
        }

        if (!File.Exists(storePath))
        {
            throw new UserErrorException($"--store {storePath}: file not found (fetch --store creates it).");
        }

        try
        {
            using var store = CampaignStore.Open(storePath);
            var known = store.ListCanvases();
            foreach (var selector in selectors.Distinct(StringComparer.Ordinal))
            {
                var matches = known.Where(c => c.CanvasId == selector).ToList();
                if (matches.Count == 0)
                {
                    matches = known.Where(c => string.Equals(c.Name, selector, StringComparison.Ordinal)).ToList();
                }

                if (matches.Count != 1)
                {
                    var list = string.Join(", ", known.Select(c => c.Name is null ? c.CanvasId : $"'{c.Name}' ({c.CanvasId})"));
                    throw new UserErrorException(matches.Count == 0
                        ? $"--store {storePath}: no Canvas '{Lines.Excerpt(selector)}'" + (known.Count == 0 ? " (the store has none)." : $"; stored: {list}.")
                        : $"--store {storePath}: {matches.Count} Canvases are named '{Lines.Excerpt(selector)}' ({string.Join(", ", matches.Select(m => m.CanvasId))}); give the id.");
                }

                var id = matches[0].CanvasId;
                var days = store.ReadCanvasDays(id, range);
                if (days.Days.Count == 0)
                {
                    throw new UserErrorException($"--store {storePath}: no days stored for Canvas '{Lines.Excerpt(selector)}'{(range is null ? string.Empty : " in the window")}.");
                }

                if (!sources.TryAdd(id, $"{storePath}#{id}"))
                {
                    throw new UserErrorException($"canvas '{id}': given twice; give each Canvas once.");
                }

                canvases.Add(days);
                if (store.ReadCanvasDetails(id) is { } detail)
                {
                    details[id] = detail;
                }
            }
        }
        catch (CampaignStoreException e) when (e.Problem != CampaignStoreProblem.Busy)
        {
            throw new UserErrorException($"--store {storePath}: {e.Message}", e);
        }
    }
}
