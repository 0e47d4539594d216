using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using CampaignAnalytics.Api;
using CampaignAnalytics.Cli.Infrastructure;
using CampaignAnalytics.Cli.Output;
using CampaignAnalytics.Store;

namespace CampaignAnalytics.Cli.Commands;

/// <summary><c>campaigns list</c>: the campaigns of a store (<c>--store</c>) or of the workspace (<c>--instance</c>/<c>--endpoint</c>).</summary>
internal static class CampaignsCommand
{
    private static readonly IReadOnlyList<Column> Columns = new Column[]
    {
        new("campaign_id", ColumnType.String),
        new("name", ColumnType.String),
        new("tags", ColumnType.String),
        new("first_sent", ColumnType.String),
        new("last_sent", ColumnType.String),
        new("days_stored", ColumnType.Integer),
        new("archived", ColumnType.Boolean),
        new("last_edited", ColumnType.String),
    };

    private static readonly IReadOnlyList<Column> CanvasColumns = new Column[]
    {
        new("canvas_id", ColumnType.String),
        new("name", ColumnType.String),
        new("tags", ColumnType.String),
        new("days_stored", ColumnType.Integer),
        new("last_edited", ColumnType.String),
    };

    /// <summary><c>canvases list</c>: the Canvases of a store (<c>--store</c>) or of the workspace (<c>--instance</c>/<c>--endpoint</c>).</summary>
    public static Command CreateCanvases()
    {
        var store = new Option<string?>("--store") { Description = "List the Canvases of this store (written by fetch --all --kind canvases or fetch --canvas)." };
        var instance = new Option<string?>("--instance") { Description = "List the workspace's Canvases from this Braze instance (API key from BRAZE_API_KEY)." };
        var endpoint = new Option<string?>("--endpoint") { Description = "The REST endpoint URL instead of --instance." };
        var archived = new Option<bool>("--include-archived") { Description = "From the API: archived Canvases too." };
        var format = new Option<string?>("--format") { Description = "Output: table (default), csv or json." };
        var list = new Command("list", "List Canvases: id, name, tags (from the API), days stored (from a store), last edited (from the API).");
        foreach (var option in new Option[] { store, instance, endpoint, archived, format })
        {
            list.Options.Add(option);
        }

        list.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(() => ListCanvasesAsync(
            parse.GetValue(store), parse.GetValue(instance), parse.GetValue(endpoint), parse.GetValue(archived), parse.GetValue(format), cancellationToken)));
        Help.AddExamples(list, new[]
        {
            "campaign-analytics canvases list --store campaigns.db",
            "campaign-analytics canvases list --instance US-03 --format csv",
        });
        var command = new Command("canvases", "The Canvases of a store or of a Braze workspace.");
        command.Subcommands.Add(list);
        return command;
    }

    public static Command Create()
    {
        var store = new Option<string?>("--store") { Description = "List the campaigns of this store (written by fetch --all)." };
        var instance = new Option<string?>("--instance") { Description = "List the workspace's campaigns from this Braze instance (API key from BRAZE_API_KEY)." };
        var endpoint = new Option<string?>("--endpoint") { Description = "The REST endpoint URL instead of --instance." };
        var archived = new Option<bool>("--include-archived") { Description = "From the API: archived campaigns too." };
        var format = new Option<string?>("--format") { Description = "Output: table (default), csv or json." };
        var list = new Command("list", "List campaigns: id, name, tags, first and last send, days stored.");
        foreach (var option in new Option[] { store, instance, endpoint, archived, format })
        {
            list.Options.Add(option);
        }

        list.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(() => ListAsync(
            parse.GetValue(store), parse.GetValue(instance), parse.GetValue(endpoint), parse.GetValue(archived), parse.GetValue(format), cancellationToken)));
        Help.AddExamples(list, new[]
        {
            "campaign-analytics campaigns list --store campaigns.db",
            "campaign-analytics campaigns list --instance US-03 --format csv",
        });
        var command = new Command("campaigns", "The campaigns of a store or of a Braze workspace.");
        command.Subcommands.Add(list);
        return command;
    }

    private static async Task<int> ListAsync(string? storePath, string? instanceName, string? endpoint, bool includeArchived, string? formatText, CancellationToken cancellationToken)
    {
        var format = Choices.Check(formatText, "--format", "table", "table", "csv", "json");
        var table = new Table(Columns);
        await FillAsync(
            storePath,
            instanceName,
            endpoint,
            "campaigns",
            opened =>
            {
                foreach (var c in opened.ListStoredCampaigns())
                {
                    table.Add(c.CampaignId, c.Name, string.Join(";", c.Tags), c.FirstSent, c.LastSent, (long)c.DaysStored, c.Archived, c.LastEdited);
                }
            },
            async client =>
            {
                await foreach (var c in client.ListCampaignsAsync(includeArchived, cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    table.Add(c.Id, c.Name, string.Join(";", c.Tags ?? Array.Empty<string>()), null, null, null, null, c.LastEdited);
                }
            }).ConfigureAwait(false);

        if (format == "table")
        {
            var display = new DisplayTable(null, new DisplayColumn[]
            {
                new("campaign_id", Unbroken: true), new("name"), new("tags", DropOrder: 2), new("first sent", DropOrder: 1), new("last sent", DropOrder: 0), new("days", Numeric: true),
            });
            foreach (var row in table.Rows)
            {
                display.Add((string?)row[0] ?? string.Empty, (string?)row[1] ?? string.Empty, (string?)row[2] ?? string.Empty, (string?)row[3] ?? string.Empty, (string?)row[4] ?? string.Empty, row[5] is long d ? d.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty);
            }

            Emit.ToTerminal(display);
        }
        else
        {
            Emit.ToStdout(table, format);
        }

        return ExitCodes.Success;
    }

    private static async Task<int> ListCanvasesAsync(string? storePath, string? instanceName, string? endpoint, bool includeArchived, string? formatText, CancellationToken cancellationToken)
    {
        var format = Choices.Check(formatText, "--format", "table", "table", "csv", "json");
        var table = new Table(CanvasColumns);
        await FillAsync(
            storePath,
            instanceName,
            endpoint,
            "canvases",
            opened =>
            {
                foreach (var c in opened.ListCanvases())
                {
                    table.Add(c.CanvasId, c.Name, null, (long)c.StoredDays, null);
                }
            },
            async client =>
            {
                foreach (var c in await client.ListCanvasesAsync(includeArchived, cancellationToken).ConfigureAwait(false))
                {
                    table.Add(c.Id, c.Name, string.Join(";", c.Tags ?? Array.Empty<string>()), null, c.LastEdited);
                }
            }).ConfigureAwait(false);

        if (format == "table")
        {
            var display = new DisplayTable(null, new DisplayColumn[]
            {
                new("canvas_id", Unbroken: true), new("name"), new("tags", DropOrder: 1), new("days", Numeric: true), new("last edited", DropOrder: 0),
            });
            foreach (var row in table.Rows)
            {
                display.Add((string?)row[0] ?? string.Empty, (string?)row[1] ?? string.Empty, (string?)row[2] ?? string.Empty, row[3] is long d ? d.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty, (string?)row[4] ?? string.Empty);
            }

            Emit.ToTerminal(display);
        }
        else
        {
            Emit.ToStdout(table, format);
        }

        return ExitCodes.Success;
    }

    /// <summary>Fills a list from a store (<paramref name="storePath"/>) or from the workspace's API, with one-line errors.</summary>
    private static async Task FillAsync(string? storePath, string? instanceName, string? endpoint, string what, Action<CampaignStore> fromStore, Func<DataSeriesClient, Task> fromApi)
    {
        if (storePath is not null)
        {
            if (instanceName is not null || endpoint is not null)
            {
                throw new UserErrorException("give either --store PATH or --instance/--endpoint, not both.");
            }

            if (!File.Exists(storePath))
            {
                throw new UserErrorException($"--store {storePath}: file not found (fetch --all --store creates it).");
            }

            using var opened = CampaignStore.Open(storePath);
            fromStore(opened);
            return;
        }

        var apiKey = FetchCommand.ReadApiKey();
        var instance = FetchCommand.Instance(instanceName, endpoint);
        using var client = DataSeriesClient.Create(new DataSeriesClientOptions(instance, apiKey));
        try
        {
            await fromApi(client).ConfigureAwait(false);
        }
        catch (BrazeApiException e) when (e.StatusCode is { } s && (int)s is 400 or 401 or 403 or 404 || e is BrazeErrorResponseException)
        {
            throw new UserErrorException($"Braze refused the request at {instance}: {e.Message}", e);
        }
        catch (Exception e) when (e is BrazeApiException or System.Text.Json.JsonException)
        {
            throw new ExternalFailureException($"listing {what} at {instance} failed: {e.Message}", e);
        }
    }
}
