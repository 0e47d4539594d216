using System.Collections.Generic;
using System.Linq;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Cli.Input;
using NodaTime;

namespace CampaignAnalytics.Cli.Commands;

/// <summary>
/// What the closing notes of <c>report</c> and <c>export</c> need from inputs read one campaign at a time: the window
/// notes, whether any campaign had days in the window, and the unknown channels and fields. Small whatever the input:
/// one line per campaign without days in the window, and the names of what the schema lacks.
/// </summary>
internal sealed class InputTally
{
    private readonly ChannelCatalogue _catalogue;
    private readonly (LocalDate? From, LocalDate? To) _window;
    private readonly SchemaCheck _unknown = new();
    private readonly List<string> _windowNotes = new();

    public InputTally(ChannelCatalogue catalogue, (LocalDate? From, LocalDate? To) window)
    {
        _catalogue = catalogue;
        _window = window;
    }

    /// <summary>Whether a campaign had days in the window.</summary>
    public bool AnyDays { get; private set; }

    /// <summary>The campaigns seen.</summary>
    public int Campaigns { get; private set; }

    /// <summary>The notes of <see cref="InputChoices.WindowNotes"/>, in input order.</summary>
    public IReadOnlyList<string> WindowNotes => _windowNotes;

    /// <summary>The inputs, each recorded as it passes.</summary>
    public IEnumerable<CampaignInput> Track(IEnumerable<CampaignInput> inputs)
    {
        foreach (var input in inputs)
        {
            Record(input);
            yield return input;
        }
    }

    /// <summary>Records one input (what <see cref="Track"/> does to each as it passes).</summary>
    public void Record(CampaignInput input) => Record(Of(input));

    /// <summary>Records what <see cref="Of"/> found in one input, in input order.</summary>
    public void Record(Part part)
    {
        Campaigns++;
        AnyDays |= part.AnyDays;
        _windowNotes.AddRange(part.WindowNotes);
        _unknown.Merge(part.Unknown);
    }

    /// <summary>What one input adds to the tally, found without touching it (so on the thread that read the input, which need not keep its days).</summary>
    public Part Of(CampaignInput input)
    {
        var unknown = new SchemaCheck();
        UnknownDataNote.Add(unknown, input, _catalogue);
        return new Part(input.Days.Count > 0, InputChoices.WindowNotes(new[] { input }, _window).ToList(), unknown);
    }

    /// <summary>One input's share of the tally.</summary>
    /// <param name="AnyDays">Whether it had days in the window.</param>
    /// <param name="WindowNotes">Its notes of <see cref="InputChoices.WindowNotes"/>.</param>
    /// <param name="Unknown">Its channels and fields the schema lacks.</param>
    public sealed record Part(bool AnyDays, IReadOnlyList<string> WindowNotes, SchemaCheck Unknown);

    /// <summary>The note of <see cref="UnknownDataNote"/> for every input tracked, or null.</summary>
    public string? UnknownNote() => UnknownDataNote.For(_unknown);
}
