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
// Writes batch after batch, each one campaign ("<run id>-<n>") with the same known dates
// (the generated Braze models; "batch", "k" and "padding" are unknown fields they keep), and
// prints "begin <campaign>" before and "committed <campaign>" after each batch's transaction.
// The crash test kills it somewhere in between.
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
for (var n = 0; n < maxBatches; n++)
{
    var campaignId = string.Create(CultureInfo.InvariantCulture, $"{runId}-{n:D5}");
    var days = new List<IDailyDataPoint>(daysPerBatch);
    for (var k = 0; k < daysPerBatch; k++)
    {
        var date = LocalDatePattern.Iso.Format(firstDay.PlusDays(k));
        var json = "{\"time\":\"" + date + "\",\"batch\":\"" + campaignId + "\",\"k\":" + k.ToString(CultureInfo.InvariantCulture)
            + ",\"padding\":\"" + padding + "\"}";
        days.Add(CampaignDataSeriesCatalogue.Instance.ParseDay(Encoding.UTF8.GetBytes(json)));
    }

    Console.WriteLine("begin " + campaignId);
    store.UpsertDays(campaignId, days);
    Console.WriteLine("committed " + campaignId);
}

return 0;
