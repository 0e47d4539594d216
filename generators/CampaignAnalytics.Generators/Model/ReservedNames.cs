using System;
using System.Collections.Generic;

namespace CampaignAnalytics.Generators.Model;

/// <summary>
/// The member names the generator adds to every model type, which no schema property may take (CAG006). Also
/// compiled into the command-line tool, whose <c>schema check</c> picks <c>x-property-name</c>s that avoid them.
/// </summary>
internal static class ReservedNames
{
    /// <summary>The reserved names (ordinal).</summary>
    public static readonly HashSet<string> Members = new(StringComparer.Ordinal)
    {
        "UnknownFields", "UnknownChannels", "Equals", "GetHashCode", "ToString", "Parse", "ParseWithReader", "ReadFrom",
        "TryRead", "MatchName", "WriteTo", "ToJson", "EqualityContract", "PrintMembers", "Deconstruct", "Clone", "GetType",
    };
}
