using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Cli.Infrastructure;
using CampaignAnalytics.Serialization;
using CampaignAnalytics.Store;
using NodaTime;

namespace CampaignAnalytics.Cli.Input;

/// <summary>
/// Resolves the inputs of <c>report</c>, <c>compare</c>, <c>export</c> and <c>schema check</c>: response files
/// (a file carries no campaign id, so it is <c>--campaign-id</c> or the file name without extension) and
/// <c>--store PATH --campaign ID</c>. Files of the same campaign are merged; a day given twice is a user error.
/// </summary>
internal static class InputLoader
{
    /// <summary>
    /// Told of every campaign <see cref="Load"/> hands out, in the flow that asked for it (a read-ahead thread included):
    /// lets a test watch how many campaigns a command holds at once. Null (the default) for no one.
    /// </summary>
    internal static readonly System.Threading.AsyncLocal<Action<CampaignInput>?> Loaded = new();

    /// <summary>Parses one response file; user errors for a missing file and for malformed JSON, naming path, line and column.</summary>
    /// <param name="path">The response file.</param>
    /// <param name="catalogue">The catalogue to read it with (<see cref="SchemaOption.Catalogue(System.CommandLine.ParseResult)"/>).</param>
    public static IDataSeriesResponse ParseFile(string path, ChannelCatalogue catalogue)
    {
        // ReadPooled refuses a pipe and an unreadable file itself: only the messages for a missing path are needed first.
        CheckExists(path);
        var (buffer, length) = ReadPooled(path);
        try
        {
            return Parse(path, buffer.AsSpan(0, length), catalogue);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// A response file's bytes in a buffer of <see cref="System.Buffers.ArrayPool{T}.Shared"/>, to be returned to it: a
    /// response is usually megabytes, and a fresh array for each file would be a large-object allocation (fresh pages,
    /// zeroed, and a full collection now and then) per file. Read to its end, whatever length the file system reports.
    /// </summary>
    /// <exception cref="UserErrorException">The file cannot be read, is larger than 2 GB, or is a pipe.</exception>
    public static (byte[] Buffer, int Length) ReadPooled(string path)
    {
        byte[]? buffer = null;
        try
        {
            using var handle = File.OpenHandle(path);
            var size = LengthOf(handle, path);
            if (size >= Array.MaxLength)
            {
                throw new IOException("the file is larger than 2 GB.");
            }

            // One byte more than the reported size: the read that finds the end needs no larger buffer.
            buffer = System.Buffers.ArrayPool<byte>.Shared.Rent((int)size + 1);
            var length = 0;
            int n;
            while ((n = RandomAccess.Read(handle, buffer.AsSpan(length), length)) > 0)
            {
                length += n;
                if (length == buffer.Length)
                {
                    // More than the file system said (a /proc file reports 0).
                    if (buffer.Length >= Array.MaxLength)
                    {
                        throw new IOException("the file is larger than 2 GB.");
                    }

                    var larger = System.Buffers.ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, Array.MaxLength));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }

            var result = (buffer, length);
            buffer = null;
            return result;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserErrorException($"{path}: cannot be read: {e.Message}", e);
        }
        finally
        {
            if (buffer is not null)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private static IDataSeriesResponse Parse(string path, ReadOnlySpan<byte> bytes, ChannelCatalogue catalogue)
    {
        // A Canvas response read as a campaign one fails to read (its data is an object) or reads with no days or with
        // unknown top-level fields (variants, steps): only then is its shape looked at, so a campaign file is read once.
        IDataSeriesResponse response;
        try
        {
            response = catalogue.ParseResponse(bytes);
        }
        catch (CampaignJsonException e)
        {
            RefuseCanvas(path, bytes);
            throw new UserErrorException(DescribeJsonError(path, e), e);
        }

        var problem = ResponseStatus.Problem(catalogue, response);
        if (problem is not null || response.UnknownFields.Count > 0)
        {
            RefuseCanvas(path, bytes);
        }

        return problem is not null
            ? throw new UserErrorException($"{path}: {problem}; it holds no statistics to read.")
            : response;
    }

    /// <summary>A campaign run refuses a Canvas response among its files (<see cref="CanvasInput.TryLoad"/> looked at the first file only).</summary>
    private static void RefuseCanvas(string path, ReadOnlySpan<byte> bytes)
    {
        if (CanvasInput.ShapeOf(bytes) != ResponseShape.Campaign)
        {
            throw new UserErrorException($"{path}: a Canvas response, not a campaign one; campaign and Canvas inputs cannot be mixed in one run.");
        }
    }

    /// <summary>User errors for a response file that is missing, a directory, an option mistyped as a file, a pipe or unreadable (before anything is read).</summary>
    /// <param name="path">The response file.</param>
    public static void CheckFile(string path)
    {
        CheckExists(path);
        try
        {
            using var handle = File.OpenHandle(path);
            _ = LengthOf(handle, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserErrorException($"{path}: cannot be read: {e.Message}", e);
        }
    }

    /// <summary>User errors for a path that is no file: missing, a directory, or an option mistyped as a file.</summary>
    private static void CheckExists(string path)
    {
        if (!File.Exists(path) && path.StartsWith('-'))
        {
            throw new UserErrorException($"unknown option '{path}' (see campaign-analytics --help).");
        }

        if (!File.Exists(path))
        {
            throw new UserErrorException(Directory.Exists(path)
                ? $"{path}: is a directory, not a response file."
                : $"{path}: file not found.");
        }
    }

    /// <summary>The length of an open response file.</summary>
    /// <exception cref="UserErrorException">The path is a pipe or a device: an input is read more than once (its shape, a filter's first pass).</exception>
    public static long LengthOf(Microsoft.Win32.SafeHandles.SafeFileHandle handle, string path)
    {
        try
        {
            return RandomAccess.GetLength(handle);
        }
        catch (NotSupportedException)
        {
            throw new UserErrorException($"{path}: not a regular file (a pipe?); save the response to a file and pass that.");
        }
    }

    /// <summary>"file:line:column: $.path: problem", the way compilers locate errors.</summary>
    public static string DescribeJsonError(string path, CampaignJsonException e)
    {
        var where = e.Line is { } line && e.Column is { } column
            ? string.Create(CultureInfo.InvariantCulture, $"{path}:{line}:{column}")
            : string.Create(CultureInfo.InvariantCulture, $"{path} (byte {e.ByteOffset})");
        return $"{where}: invalid response at {e.JsonPath}: {e.Problem}";
    }

    /// <summary>
    /// The names of the store's campaigns by id, when <c>fetch --all</c> stored any (machine tables then gain a last
    /// <c>campaign_name</c> column); null without a store or names.
    /// </summary>
    public static IReadOnlyDictionary<string, string?>? StoredNames(string? storePath, ChannelCatalogue catalogue)
    {
        if (storePath is null || !File.Exists(storePath))
        {
            return null;
        }

        try
        {
            using var store = CampaignStore.Open(storePath, catalogue);
            var names = store.ListStoredCampaigns().Where(c => c.Name is not null).ToDictionary(c => c.CampaignId, c => c.Name, StringComparer.Ordinal);
            return names.Count > 0 ? names : null;
        }
        catch (CampaignStoreException e) when (e.Problem != CampaignStoreProblem.Busy)
        {
            throw new UserErrorException($"--store {storePath}: {e.Message}", e);
        }
    }

    /// <summary>
    /// The ids of the store's campaigns that <paramref name="requested"/> names (ids, or names when unique), or every
    /// stored campaign for <paramref name="all"/>: what a streaming read walks one campaign at a time.
    /// </summary>
    public static IReadOnlyList<string> ResolveStored(string storePath, IReadOnlyList<string> requested, bool all, ChannelCatalogue catalogue)
    {
        if (!File.Exists(storePath))
        {
            throw new UserErrorException($"--store {storePath}: file not found (fetch --store creates it).");
        }

        try
        {
            using var store = CampaignStore.Open(storePath, catalogue);
            return StoreCampaigns.Resolve(store, storePath, requested, all);
        }
        catch (CampaignStoreException e) when (e.Problem != CampaignStoreProblem.Busy)
        {
            throw new UserErrorException($"--store {storePath}: {e.Message}", e);
        }
    }

    /// <summary>Loads every input, grouped by campaign in order of first appearance.</summary>
    /// <param name="files">Response files.</param>
    /// <param name="campaignIdOverride"><c>--campaign-id</c>: the campaign of every file; null to use file names.</param>
    /// <param name="storePath"><c>--store</c>, or null.</param>
    /// <param name="storeCampaigns"><c>--campaign</c> ids to read from the store.</param>
    /// <param name="window">Only days in this window are kept (a store reads only them); null for all.</param>
    /// <param name="catalogue">The catalogue to read files and the store with (<see cref="SchemaOption.Catalogue(System.CommandLine.ParseResult)"/>).</param>
    /// <param name="allStored"><c>--all</c>: every campaign with stored days.</param>
    public static IReadOnlyList<CampaignInput> Load(
        IReadOnlyList<string> files,
        string? campaignIdOverride,
        string? storePath,
        IReadOnlyList<string> storeCampaigns,
        (LocalDate? From, LocalDate? To) window,
        ChannelCatalogue catalogue,
        bool allStored = false)
    {
        if (files.Count == 0 && storePath is null)
        {
            throw new UserErrorException("no input: give one or more response files, or --store PATH --campaign ID.");
        }

        if (storePath is null && storeCampaigns.Count > 0)
        {
            throw new UserErrorException("--campaign needs --store PATH (for a response file, use --campaign-id to set its campaign).");
        }

        if (storePath is null && allStored)
        {
            throw new UserErrorException("--all reads every campaign of a store: give --store PATH.");
        }

        if (storePath is not null && storeCampaigns.Count == 0 && !allStored)
        {
            throw new UserErrorException($"--store {storePath}: say which campaign to read with --campaign NAME_OR_ID, or --all.");
        }

        if (campaignIdOverride is not null && string.IsNullOrWhiteSpace(campaignIdOverride))
        {
            throw new UserErrorException("--campaign-id: the campaign id is empty.");
        }

        var groups = new List<(string Id, List<(IDailyDataPoint Day, string Source)> Days, List<string> Sources)>();
        List<(IDailyDataPoint, string)> GroupOf(string id, string source)
        {
            var g = groups.FirstOrDefault(x => x.Id == id);
            if (g.Id is null)
            {
                g = (id, new List<(IDailyDataPoint, string)>(), new List<string>());
                groups.Add(g);
            }

            g.Sources.Add(source);
            return g.Days;
        }

        var responseFields = new List<(string Id, IReadOnlyList<RawJsonProperty> Fields)>();
        foreach (var file in files)
        {
            var response = ParseFile(file, catalogue);
            var id = campaignIdOverride ?? Path.GetFileNameWithoutExtension(file);
            var days = GroupOf(id, file);
            days.AddRange(ChannelCatalogue.DaysOf(response).Select(d => (d, file)));
            if (response.UnknownFields.Count > 0)
            {
                responseFields.Add((id, response.UnknownFields));
            }
        }

        var storeCovered = new Dictionary<string, DateInterval>(StringComparer.Ordinal);
        var storedInfo = new Dictionary<string, StoredCampaign>(StringComparer.Ordinal);
        if (storePath is not null)
        {
            if (!File.Exists(storePath))
            {
                throw new UserErrorException($"--store {storePath}: file not found (fetch --store creates it).");
            }

            try
            {
                using var store = CampaignStore.Open(storePath, catalogue);
                DateInterval? range = window.From is { } f && window.To is { } t ? new DateInterval(f, t) : null;
                foreach (var campaign in StoreCampaigns.Resolve(store, storePath, storeCampaigns, allStored).Distinct(StringComparer.Ordinal))
                {
                    if (store.GetCampaign(campaign) is { } info)
                    {
                        storedInfo[campaign] = info;
                    }

                    var stored = store.ReadDays(campaign, range);
                    if (stored.Days.Count == 0 && range is not null && store.GetCoverage(campaign) is { FirstDate: { } first, LastDate: { } last })
                    {
                        // Stored, but not in the window: the command says so in a note, as for files.
                        GroupOf(campaign, $"{storePath}#{campaign}");
                        storeCovered[campaign] = new DateInterval(first, last);
                        continue;
                    }

                    if (stored.Days.Count == 0)
                    {
                        var known = store.ListCampaigns();
                        throw new UserErrorException($"--store {storePath}: no days stored for campaign '{campaign}'"
                            + (known.Count == 0 ? " (the store is empty)." : $"; stored campaigns: {string.Join(", ", known)}."));
                    }

                    var source = $"{storePath}#{campaign}";
                    GroupOf(campaign, source).AddRange(stored.Days.Select(d => (d, source)));
                }
            }
            catch (CampaignStoreException e) when (e.Problem != CampaignStoreProblem.Busy)
            {
                // Locked by another writer is not the user's mistake: CommandRunner exits 1 for it.
                throw new UserErrorException($"--store {storePath}: {e.Message}", e);
            }
        }

        var result = new List<CampaignInput>(groups.Count);
        foreach (var (id, days, sources) in groups)
        {
            var sorted = days.OrderBy(d => d.Day.Time).ToList();
            for (var i = 1; i < sorted.Count; i++)
            {
                if (sorted[i].Day.Time == sorted[i - 1].Day.Time)
                {
                    throw new UserErrorException(
                        $"campaign '{id}': day {Dates.Format(sorted[i].Day.Time)} appears twice ({sorted[i - 1].Source} and {sorted[i].Source}); give each day once.");
                }
            }

            // Every command refuses what cannot be right, whichever channel it reads: a variation twice on a day.
            foreach (var (day, _) in sorted)
            {
                foreach (var channel in catalogue.Channels)
                {
                    CampaignDataException.ThrowIfVariationRepeats(id, day.Time, channel.Key, channel.GetVariations(day));
                }
            }

            var kept = sorted
                .Select(d => d.Day)
                .Where(d => (window.From is not { } f || d.Time >= f) && (window.To is not { } t || d.Time <= t))
                .ToList();
            var unknown = responseFields.Where(r => r.Id == id).SelectMany(r => r.Fields).ToList();
            var covered = sorted.Count > 0 ? new DateInterval(sorted[0].Day.Time, sorted[^1].Day.Time) : null;
            if (storeCovered.TryGetValue(id, out var stored))
            {
                covered = covered is null ? stored : new DateInterval(LocalDate.Min(covered.Start, stored.Start), LocalDate.Max(covered.End, stored.End));
            }

            result.Add(new CampaignInput(new CampaignDays<IDailyDataPoint>(id, kept), sources) { UnknownResponseFields = unknown, Covered = covered, Stored = storedInfo.GetValueOrDefault(id), VariationsCheckedBy = catalogue });
        }

        if (Loaded.Value is { } loaded)
        {
            foreach (var input in result)
            {
                loaded(input);
            }
        }

        return result;
    }
}
