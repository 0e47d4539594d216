using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CampaignAnalytics.Api;
using CampaignAnalytics.Cli.Infrastructure;
using CampaignAnalytics.Cli.Output;
using CampaignAnalytics.Models;
using CampaignAnalytics.Store;
using NodaTime;

namespace CampaignAnalytics.Cli.Commands;

/// <summary><c>fetch --canvas</c>: Canvases' series (variant and step breakdowns) into a response file, stdout or a store.</summary>
internal static partial class FetchCommand
{
    private static async Task<int> FetchCanvasesAsync(
        string apiKey, string[] canvasIds, DateInterval range, string? instanceName, string? endpoint, string? storePath, string? outPath, CancellationToken cancellationToken)
    {
        var ids = canvasIds.Select(c => c.Trim()).Distinct(StringComparer.Ordinal).ToArray();
        foreach (var id in ids)
        {
            try
            {
                DataSeriesClient.ValidateId(id, "canvas_id", "canvasId");
            }
            catch (ArgumentException e)
            {
                throw new UserErrorException("--canvas: " + ArgumentErrors.Describe(e), e);
            }
        }

        var instance = Instance(instanceName, endpoint);
        var targets = Targets(ids, storePath, outPath);
        if (storePath is not null && Path.GetDirectoryName(Path.GetFullPath(storePath)) is { } folder && !Directory.Exists(folder))
        {
            throw new UserErrorException($"--store {storePath}: the folder {folder} does not exist.");
        }

        var waits = new FetchWaitNotes();
        using var client = DataSeriesClient.Create(new DataSeriesClientOptions(instance, apiKey), waits: waits);
        using var store = storePath is null ? null : CampaignStore.Open(storePath);
        var failures = new List<(string Id, Exception Error)>();
        var total = ids.Length * DataSeriesClient.PlanChunksOf(range, null, DataSeriesClient.MaxCanvasLength).Count;
        await WithProgressAsync(total, waits, async progress =>
        {
            foreach (var id in ids)
            {
                try
                {
                    CanvasDays canvas;
                    if (store is not null)
                    {
                        store.UpsertCanvasDetails(id, await client.GetCanvasDetailsAsync(id, cancellationToken).ConfigureAwait(false));
                        var result = await store.SyncCanvasAsync(new CanvasProgressSource(client, progress), id, range, cancellationToken: cancellationToken).ConfigureAwait(false);
                        CommandRunner.Inform($"{id}: {result.DaysInserted} days new, {result.DaysUpdated} restated, {result.DaysUnchanged} unchanged in {result.FetchedIntervals.Count} range(s).");
                        canvas = store.ReadCanvasDays(id, range, cancellationToken);
                    }
                    else
                    {
                        canvas = await client.GetCanvasRangeAsync(id, range, progress: progress, cancellationToken: cancellationToken).ConfigureAwait(false);
                    }

                    WriteCanvas(canvas, targets);
                }
                catch (Exception e) when (IsFetchFailure(e))
                {
                    if (IsForEveryCampaign(e))
                    {
                        throw;
                    }

                    failures.Add((id, e));
                }
            }

            return 0;
        }).ConfigureAwait(false);

        if (failures.Count == 0)
        {
            return ExitCodes.Success;
        }

        if (ids.Length == 1)
        {
            throw Describe(instance, failures[0].Error);
        }

        var list = string.Join("; ", failures.Select(f => $"{f.Id}: {Message(f.Error)}"));
        var message = $"{failures.Count} of {ids.Length} canvases failed at {instance} ({list}); the other {ids.Length - failures.Count} were {(storePath is null ? "written" : "stored")}.";
        throw failures.All(f => IsRefusal(f.Error)) ? new UserErrorException(message) : new ExternalFailureException(message);
    }

    /// <summary>Writes a Canvas's days as one <c>/canvas/data_series</c> response (or to stdout), when <paramref name="targets"/> names one for it.</summary>
    private static void WriteCanvas(CanvasDays canvas, Dictionary<string, string?>? targets)
    {
        if (targets is null || !targets.TryGetValue(canvas.CanvasId, out var path))
        {
            return;
        }

        var response = new CanvasDataSeriesResponse { Message = "success", Data = new CanvasDataSeries { Name = canvas.Name, Stats = canvas.Days } };
        var bytes = Encoding.UTF8.GetBytes(response.ToJson(indented: true) + "\n");
        if (path is null)
        {
            Emit.WriteRaw(bytes);
            return;
        }

        SpecialFiles.WriteAllBytes(path, bytes);
        CommandRunner.Inform($"{canvas.CanvasId}: wrote {canvas.Days.Count} days to {path}.");
    }

    /// <summary>The client as the store's Canvas source, reporting each request to the progress bar.</summary>
    private sealed class CanvasProgressSource : ICanvasDataSource
    {
        private readonly DataSeriesClient _client;
        private readonly IProgress<FetchProgress>? _progress;

        public CanvasProgressSource(DataSeriesClient client, IProgress<FetchProgress>? progress)
        {
            _client = client;
            _progress = progress;
        }

        public Task<CanvasDays> FetchCanvasAsync(string canvasId, DateInterval days, CancellationToken cancellationToken) =>
            _client.GetCanvasRangeAsync(canvasId, days, includeDeletedSteps: false, _progress, cancellationToken);
    }
}
