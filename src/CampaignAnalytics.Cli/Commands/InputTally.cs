using System.Collections.Generic;
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
            Campaigns++;
            AnyDays |= input.Days.Count > 0;
            _windowNotes.AddRange(InputChoices.WindowNotes(new[] { input }, _window));
            UnknownDataNote.Add(_unknown, input, _catalogue);
            yield return input;
        }
    }

    /// <summary>The note of <see cref="UnknownDataNote"/> for every input tracked, or null.</summary>
    public string? UnknownNote() => UnknownDataNote.For(_unknown);
}
