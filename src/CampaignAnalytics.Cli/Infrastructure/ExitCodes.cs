namespace CampaignAnalytics.Cli.Infrastructure;

/// <summary>The tool's exit codes.</summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Success = 0;

    /// <summary>A bug, or a failure outside the user's control (the Braze API or the network after retries).</summary>
    public const int Failure = 1;

    /// <summary>A user error: bad option, missing file, malformed JSON, unknown channel or rate, bad date.</summary>
    public const int UserError = 2;

    /// <summary><c>schema check</c> found channels or fields the schema lacks.</summary>
    public const int SchemaGaps = 3;
}
