using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using CampaignAnalytics.Api;
using CampaignAnalytics.Catalogue;
using NodaTime;
using NodaTime.Text;

namespace CampaignAnalytics.Tests.Store;

/// <summary>A temp directory removed on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ca-store-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>
/// A fake API: for each day it answers a JSON object whose values depend on the day and on a
/// per-day revision (bump it to simulate a restatement). Records every requested interval.
/// </summary>
public sealed class FakeSource : IDataSeriesSource<IDailyDataPoint>
{
    private readonly Dictionary<LocalDate, int> _revisions = new();

    public List<DateInterval> Requests { get; } = new();

    /// <summary>The catalogue the answers are parsed with.</summary>
    public ChannelCatalogue Catalogue { get; init; } = RawJsonCatalogue.Instance;

    /// <summary>Days the source has no data for.</summary>
    public HashSet<LocalDate> Missing { get; } = new();

    /// <summary>When set, the day JSON is built by this function instead.</summary>
    public Func<LocalDate, int, string>? Json { get; set; }

    /// <summary>Throw on the request with this (0-based) index.</summary>
    public int? FailOnRequest { get; set; }

    public void Restate(LocalDate day) => _revisions[day] = Revision(day) + 1;

    public int Revision(LocalDate day) => _revisions.TryGetValue(day, out var r) ? r : 0;

    public static string DefaultJson(LocalDate day, int revision) =>
        "{\"time\":\"" + LocalDatePattern.Iso.Format(day) + "\"," +
        "\"messages\":{\"email\":[{\"variation_api_id\":\"v1\",\"sent\":" + (day.Day * 10).ToString(CultureInfo.InvariantCulture) +
        ",\"opens\":" + revision.ToString(CultureInfo.InvariantCulture) + "}],\"brand_new_channel\":[{\"x\":1}]}," +
        "\"conversions\":" + revision.ToString(CultureInfo.InvariantCulture) + ",\"unique_recipients\":" + day.Day.ToString(CultureInfo.InvariantCulture) +
        ",\"mystery_field\":{\"nested\":[1,2,3]}}";

    public Task<IReadOnlyList<IDailyDataPoint>> FetchAsync(string campaignId, DateInterval days, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (FailOnRequest == Requests.Count)
        {
            Requests.Add(days);
            throw new InvalidOperationException("source failed");
        }

        Requests.Add(days);
        var list = new List<IDailyDataPoint>();
        foreach (var day in days)
        {
            if (!Missing.Contains(day))
            {
                list.Add(Catalogue.ParseDay(System.Text.Encoding.UTF8.GetBytes((Json ?? DefaultJson)(day, Revision(day)))));
            }
        }

        return Task.FromResult<IReadOnlyList<IDailyDataPoint>>(list);
    }
}
