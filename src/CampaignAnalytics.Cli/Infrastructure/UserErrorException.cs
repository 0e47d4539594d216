using System;

namespace CampaignAnalytics.Cli.Infrastructure;

/// <summary>A mistake of the person running the tool (bad option, missing file, malformed input): exit code 2, one line on stderr.</summary>
internal sealed class UserErrorException : Exception
{
    public UserErrorException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}

/// <summary>A failure outside the tool and outside the user's input (the Braze API, the network): exit code 1, one line on stderr.</summary>
internal sealed class ExternalFailureException : Exception
{
    public ExternalFailureException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
