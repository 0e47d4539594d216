using System.CommandLine;
using System.Collections.Generic;
using CampaignAnalytics.Cli.Infrastructure;
using CampaignAnalytics.Cli.Input;
using NodaTime;

namespace CampaignAnalytics.Cli.Commands;

/// <summary>The input and window options shared by report, compare and export.</summary>
internal sealed class CommonOptions
{
    public Argument<string[]> Inputs { get; } = new("INPUT")
    {
        Description = "Response files (JSON of GET /campaigns/data_series). The campaign id is --campaign-id, else the file name without extension.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public Option<string?> CampaignId { get; } = new("--campaign-id") { Description = "The campaign id of the response files (default: each file's name without extension)." };

    public Option<string?> Store { get; } = new("--store") { Description = "Read from this store (SQLite, written by fetch --store) instead of, or as well as, files; needs --campaign." };

    public Option<bool> All { get; } = new("--all") { Description = "Every campaign with days in --store." };

    public Option<string[]> Campaigns { get; } = new("--campaign") { Description = "A campaign to read from --store, by id or by its name when unique (repeatable).", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false };

    public Option<string[]> Canvases { get; } = new("--canvas") { Description = "A Canvas to read from --store, by name or id (repeatable). Canvas response files are recognised by their shape.", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false };

    public Option<string?> From { get; } = new("--from") { Description = "First day to include (yyyy-MM-dd)." };

    public Option<string?> To { get; } = new("--to") { Description = "Last day to include (yyyy-MM-dd)." };

    public void AddTo(Command command, bool window = true)
    {
        command.Arguments.Add(Inputs);
        command.Options.Add(CampaignId);
        command.Options.Add(Store);
        command.Options.Add(Campaigns);
        command.Options.Add(Canvases);
        command.Options.Add(All);
        if (window)
        {
            command.Options.Add(From);
            command.Options.Add(To);
        }
    }

    public (LocalDate? From, LocalDate? To) Window(ParseResult parse) =>
        Dates.ParseRange(parse.GetValue(From), parse.GetValue(To));

    /// <summary>
    /// The inputs one campaign at a time (<see cref="CampaignStream"/>): nothing is read until enumerated, and each enumeration
    /// reads again.
    /// </summary>
    public IEnumerable<CampaignInput> Stream(ParseResult parse, (LocalDate? From, LocalDate? To) window, CampaignAnalytics.Catalogue.ChannelCatalogue catalogue) =>
        Stream(parse, window, catalogue, static input => input, inFlight: 1);

    /// <summary>
    /// What <paramref name="work"/> makes of each campaign of the inputs, in input order; the campaigns are read and worked on
    /// off the caller's thread, up to <paramref name="inFlight"/> at once (<see cref="CampaignStream.Each{T}"/>).
    /// </summary>
    public IEnumerable<T> Stream<T>(ParseResult parse, (LocalDate? From, LocalDate? To) window, CampaignAnalytics.Catalogue.ChannelCatalogue catalogue, System.Func<CampaignInput, T> work, int inFlight) =>
        CampaignStream.Each(
            parse.GetValue(Inputs) ?? System.Array.Empty<string>(),
            parse.GetValue(CampaignId),
            parse.GetValue(Store),
            parse.GetValue(Campaigns) ?? System.Array.Empty<string>(),
            window,
            catalogue,
            parse.GetValue(All),
            work,
            inFlight);

    public IReadOnlyList<CampaignInput> Load(ParseResult parse, (LocalDate? From, LocalDate? To) window, CampaignAnalytics.Catalogue.ChannelCatalogue catalogue) =>
        InputLoader.Load(
            parse.GetValue(Inputs) ?? System.Array.Empty<string>(),
            parse.GetValue(CampaignId),
            parse.GetValue(Store),
            parse.GetValue(Campaigns) ?? System.Array.Empty<string>(),
            window,
            catalogue,
            parse.GetValue(All));

    /// <summary>The Canvases of the inputs (response files of the Canvas shape, or <c>--store --canvas</c>), or null for campaigns.</summary>
    public CanvasLoad? LoadCanvas(ParseResult parse, (LocalDate? From, LocalDate? To) window) =>
        CanvasInput.TryLoad(
            parse.GetValue(Inputs) ?? System.Array.Empty<string>(),
            parse.GetValue(Store),
            parse.GetValue(Canvases) ?? System.Array.Empty<string>(),
            parse.GetValue(Campaigns) ?? System.Array.Empty<string>(),
            window);

    /// <summary>The stored campaigns' names by id when the store has any (see <see cref="InputLoader.StoredNames"/>).</summary>
    public IReadOnlyDictionary<string, string?>? StoredNames(ParseResult parse, CampaignAnalytics.Catalogue.ChannelCatalogue catalogue) =>
        InputLoader.StoredNames(parse.GetValue(Store), catalogue);
}
