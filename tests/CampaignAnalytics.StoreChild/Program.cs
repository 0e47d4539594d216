using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Store;
using CampaignAnalytics.Models;
using NodaTime;
using NodaTime.Text;

// Usage: CampaignAnalytics.StoreChild <store path> <run id> <days per batch> <padding bytes per day> [max batches]
// Syncs campaign after campaign ("<run id>-<n>", the same known dates each) through CampaignStore.SyncAsync
// from an in-process source (the generated Braze models; "batch", "k" and "padding" are unknown fields they
// keep), and prints "begin <campaign>" before and "committed <campaign>" after each sync. The crash test
// kills it somewhere in between: mid-sync.
if (args.Length < 4)
{
    Console.Error.WriteLine("usage: <store path> <run id> <days per batch> <padding bytes per day> [max batches]");
    return 2;
}

var path = args[0];
var runId = args[1];
var daysPerBatch = int.Parse(args[2], CultureInfo.InvariantCulture);
var padding = new string('x', int.Parse(args[3], CultureInfo.InvariantCulture));
var maxBatches = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : int.MaxValue;
var firstDay = new LocalDate(2020, 1, 1);

using var store = CampaignStore.Open(path);
var source = new BatchSource(padding);
var wanted = new DateInterval(firstDay, firstDay.PlusDays(daysPerBatch - 1));
for (var n = 0; n < maxBatches; n++)
{
    var campaignId = string.Create(CultureInfo.InvariantCulture, $"{runId}-{n:D5}");
    Console.WriteLine("begin " + campaignId);
    await store.SyncAsync(source, campaignId, wanted);
    Console.WriteLine("committed " + campaignId);
}

return 0;

/// <summary>Serves every requested day of a campaign, each marked with the campaign id and its index.</summary>
internal sealed class BatchSource(string padding) : CampaignAnalytics.Api.IDataSeriesSource<DailyDataPoint>
{
    public System.Threading.Tasks.Task<IReadOnlyList<DailyDataPoint>> FetchAsync(string campaignId, DateInterval days, System.Threading.CancellationToken cancellationToken)
    {
        var list = new List<DailyDataPoint>(days.Length);
        var k = 0;
        foreach (var day in days)
        {
            var json = "{\"time\":\"" + LocalDatePattern.Iso.Format(day) + "\",\"batch\":\"" + campaignId + "\",\"k\":" + k.ToString(CultureInfo.InvariantCulture)
                + ",\"padding\":\"" + padding + "\"}";
            list.Add(CampaignDataSeriesCatalogue.Instance.ParseDay(Encoding.UTF8.GetBytes(json)));
            k++;
        }

        return System.Threading.Tasks.Task.FromResult<IReadOnlyList<DailyDataPoint>>(list);
    }
}
