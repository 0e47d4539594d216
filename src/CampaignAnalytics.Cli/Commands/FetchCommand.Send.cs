using System;
using System.Threading;
using System.Threading.Tasks;
using CampaignAnalytics.Api;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Cli.Infrastructure;
using CampaignAnalytics.Cli.Output;
using CampaignAnalytics.Models;
using NodaTime;

namespace CampaignAnalytics.Cli.Commands;

/// <summary><c>fetch --campaign ID --send SEND_ID</c>: one send of an API campaign (<c>/sends/data_series</c>) into a response file or stdout.</summary>
internal static partial class FetchCommand
{
    /// <summary>
    /// Fetches one send's days (one request, at most <see cref="DataSeriesClient.MaxLength"/> days) and writes them as a
    /// campaign-series response; a range older than Braze's send retention gets one <c>note:</c> line, exit 0.
    /// </summary>
    private static async Task<int> FetchSendAsync(
        string[] campaignIds, string[] canvasIds, string sendId, int? days, string? from, string? to, string? instanceName, string? endpoint, string? storePath, string? outPath, string? schemaPath, bool all, CancellationToken cancellationToken)
    {
        var apiKey = ReadApiKey();
        if (canvasIds.Length > 0 || all || storePath is not null || schemaPath is not null)
        {
            var other = canvasIds.Length > 0 ? "--canvas" : all ? "--all" : storePath is not null ? "--store" : "--schema";
            throw new UserErrorException($"--send goes with one --campaign and --out FILE or stdout, not with {other}.");
        }

        if (campaignIds.Length != 1)
        {
            throw new UserErrorException("--send needs exactly one --campaign ID: the API campaign the send belongs to.");
        }

        var campaignId = campaignIds[0].Trim();
        sendId = sendId.Trim();
        try
        {
            DataSeriesClient.ValidateCampaignId(campaignId);
        }
        catch (ArgumentException e)
        {
            throw new UserErrorException("--campaign: " + ArgumentErrors.Describe(e), e);
        }

        try
        {
            DataSeriesClient.ValidateId(sendId, "send_id", "sendId");
        }
        catch (ArgumentException e)
        {
            throw new UserErrorException("--send: " + ArgumentErrors.Describe(e), e);
        }

        var today = SystemClock.Instance.GetCurrentInstant().InUtc().Date;
        var range = Range(days, from, to, today);
        if (range.Length > DataSeriesClient.MaxLength)
        {
            throw new UserErrorException($"--send: Braze returns at most {DataSeriesClient.MaxLength} days of a send in one request; {range.Length} were asked for.");
        }

        var instance = Instance(instanceName, endpoint);
        var targets = Targets(new[] { campaignId }, null, outPath);
        var waits = new FetchWaitNotes();
        using var client = DataSeriesClient.Create(new DataSeriesClientOptions(instance, apiKey), waits: waits);
        CampaignDays<DailyDataPoint> send;
        try
        {
            send = await WithProgressAsync(1, waits, _ => client.GetSendRangeAsync(campaignId, sendId, range, cancellationToken)).ConfigureAwait(false);
        }
        catch (Exception e) when (IsFetchFailure(e))
        {
            throw Describe(instance, e);
        }

        Write(CampaignDataSeriesCatalogue.Instance, new CampaignDays<IDailyDataPoint>(send.CampaignId, send.Days), targets);
        if (DataSeriesClient.SendRetentionWarning(range, today) is { } warning)
        {
            Note.Write(warning);
        }

        return ExitCodes.Success;
    }
}
