using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CampaignAnalytics.Serialization;

/// <summary>
/// The one exception the generated readers throw for bad input: it says where (JSON path, line,
/// column, byte offset) and what was expected, e.g.
/// <c>$.data[3].messages.email[0].sent: expected an integer, found string (line 12, column 20, byte 345)</c>.
/// </summary>
public sealed class CampaignJsonException : JsonException
{
    // Path segments are added innermost first once the full reader has failed (it keeps the path as it goes);
    // the fast path pays nothing for path tracking.
    private readonly List<string> _reversedSegments = new();
    private readonly string _problem;

    /// <summary>Creates an exception for a problem at the reader's current token.</summary>
    /// <param name="problem">What is wrong, e.g. "expected an integer, found string".</param>
    /// <param name="byteOffset">The byte offset of the offending token from the start of the input.</param>
    /// <param name="inner">The reader's own exception, if any.</param>
    internal CampaignJsonException(string problem, long byteOffset, Exception? inner = null)
        : base(problem, inner)
    {
        _problem = problem;
        ByteOffset = byteOffset;
        if (inner is JsonException { LineNumber: long line, BytePositionInLine: long position })
        {
            // The reader knows exactly where it failed: prefer that to our approximate offset.
            _readerLine = line;
            _readerPosition = position;
        }
    }

    private readonly long? _readerLine;
    private readonly long? _readerPosition;

    private CampaignJsonException(string message, string problem, string jsonPath, long byteOffset, long? line, long? column, Exception? inner)
        : base(message, jsonPath, line is null ? null : line - 1, column is null ? null : column - 1, inner)
    {
        _problem = problem;
        JsonPath = jsonPath;
        ByteOffset = byteOffset;
        Line = line;
        Column = column;
        IsComplete = true;
    }

    /// <summary>What is wrong, without the location, e.g. "expected an integer, found string".</summary>
    public string Problem => _problem;

    /// <summary>The JSON path of the offending value, e.g. <c>$.data[3].messages.email[0].sent</c>.</summary>
    public string JsonPath { get; private set; } = "$";

    /// <summary>The 0-based byte offset of the offending token from the start of the input.</summary>
    public long ByteOffset { get; }

    /// <summary>The 1-based line of the offending token, when the whole input was available.</summary>
    public long? Line { get; }

    /// <summary>The 1-based column (in bytes) of the offending token, when the whole input was available.</summary>
    public long? Column { get; }

    /// <summary>True once the exception has left the reader with its full path.</summary>
    internal bool IsComplete { get; }

    /// <summary>Adds a property segment, innermost first.</summary>
    /// <param name="propertyName">The property being read.</param>
    internal void PrependProperty(string propertyName) => _reversedSegments.Add(FormatProperty(propertyName));

    /// <summary>Adds an array index segment, innermost first.</summary>
    /// <param name="index">The array index being read.</param>
    internal void PrependIndex(int index) => _reversedSegments.Add("[" + index.ToString(CultureInfo.InvariantCulture) + "]");

    /// <summary>
    /// Returns the finished exception: the full path, and line and column computed from the input
    /// when it is given.
    /// </summary>
    /// <param name="input">The whole input, or empty when not available.</param>
    /// <param name="pathPrefix">A path to put before the collected segments (when reading a fragment).</param>
    internal CampaignJsonException Complete(ReadOnlySpan<byte> input, string? pathPrefix = null) => Complete(input, true, pathPrefix);

    /// <summary>Returns the finished exception when the whole input is not at hand (a reader handed over by a caller).</summary>
    /// <param name="pathPrefix">A path to put before the collected segments (when reading a fragment).</param>
    internal CampaignJsonException CompleteWithoutInput(string? pathPrefix = null) => Complete(default, false, pathPrefix);

    private CampaignJsonException Complete(ReadOnlySpan<byte> input, bool inputKnown, string? pathPrefix)
    {
        if (IsComplete)
        {
            return this;
        }

        var path = new StringBuilder(pathPrefix ?? "$");
        for (var i = _reversedSegments.Count - 1; i >= 0; i--)
        {
            path.Append(_reversedSegments[i]);
        }

        long? line = null, column = null;
        var byteOffset = ByteOffset;
        if (inputKnown && _readerLine is long readerLine && _readerPosition is long readerPosition)
        {
            long l = 0, start = 0;
            for (var i = 0; i < input.Length && l < readerLine; i++)
            {
                if (input[i] == (byte)'\n')
                {
                    l++;
                    start = i + 1;
                }
            }

            line = readerLine + 1;
            column = readerPosition + 1;
            byteOffset = Math.Min(input.Length, start + readerPosition);
        }
        else if (inputKnown && ByteOffset <= input.Length)
        {
            long l = 1, lineStart = 0;
            var upTo = (int)ByteOffset;
            for (var i = 0; i < upTo; i++)
            {
                if (input[i] == (byte)'\n')
                {
                    l++;
                    lineStart = i + 1;
                }
            }

            line = l;
            column = ByteOffset - lineStart + 1;
        }

        var where = line is null
            ? string.Create(CultureInfo.InvariantCulture, $"byte {byteOffset}")
            : string.Create(CultureInfo.InvariantCulture, $"line {line}, column {column}, byte {byteOffset}");
        var message = string.Create(CultureInfo.InvariantCulture, $"{path}: {_problem} ({where})");
        return new CampaignJsonException(message, _problem, path.ToString(), byteOffset, line, column, InnerException);
    }

    /// <summary>
    /// A copy whose message and problem went through <paramref name="scrub"/> (e.g. to mask an API key echoed in the
    /// input); same path, location and inner exception.
    /// </summary>
    internal CampaignJsonException WithMessagesScrubbed(Func<string, string> scrub) =>
        new(scrub(Message), scrub(_problem), JsonPath, ByteOffset, Line, Column, InnerException);

    private static string FormatProperty(string name)
    {
        // A path names where, it does not quote the input: a stray quote can make a 300 KB name.
        name = JsonReadHelpers.Truncate(name);
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return "['" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "']";
            }
        }

        return name.Length == 0 ? "['']" : "." + name;
    }
}
